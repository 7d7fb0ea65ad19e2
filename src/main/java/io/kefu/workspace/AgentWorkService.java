package io.kefu.workspace;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.agent.AgentProfile;
import io.kefu.agent.AgentService;
import io.kefu.chat.AttachmentService;
import io.kefu.chat.ChatReceipts;
import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Message;
import io.kefu.lifecycle.TicketLifecycleProcess;
import io.kefu.sla.SlaClocks;
import io.kefu.ticket.InvalidTicketActionException;
import io.kefu.ticket.Priority;
import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketNote;
import io.kefu.ticket.TicketNotFoundException;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * What an agent does with tickets: list the open tasks of their queues, claim, reply, resolve.
 * Every method is scoped by the caller's {@link TicketAccess}: an agent only sees and works tickets
 * of queues (groups) they belong to, or assigned to them; any other ticket answers
 * {@link TicketNotFoundException}, as a missing one does. Supervisors, admins and ticket-scoped
 * tokens reach every ticket.
 */
@Service
@Transactional
public class AgentWorkService {

    private static final int PREVIEW_LENGTH = 120;

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final TicketService tickets;
    private final ConversationService conversations;
    private final SlaClocks sla;
    private final AgentService agents;
    private final AttachmentService attachments;
    private final ReplyChannels replyChannels;
    private final java.time.Clock clock;
    private final ChatReceipts receipts;

    AgentWorkService(TaskService tasks, RuntimeService runtime, TicketService tickets,
            ConversationService conversations, SlaClocks sla, AgentService agents, AttachmentService attachments,
            ReplyChannels replyChannels, java.time.Clock clock, ChatReceipts receipts) {
        this.receipts = receipts;
        this.attachments = attachments;
        this.replyChannels = replyChannels;
        this.clock = clock;
        this.agents = agents;
        this.tasks = tasks;
        this.runtime = runtime;
        this.tickets = tickets;
        this.conversations = conversations;
        this.sla = sla;
    }

    /**
     * What the RPA bots found on this ticket before handing it over (the refund's
     * {@code botFindings}), if anything; read from its running lifecycle. The caller has already
     * checked access to the ticket.
     */
    @Transactional(readOnly = true)
    public java.util.Optional<String> botFindings(long ticketId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .processInstanceBusinessKey(String.valueOf(ticketId)).list().stream().findFirst()
                .map(instance -> runtime.getVariable(instance.getId(), TicketLifecycleProcess.VAR_BOT_FINDINGS))
                .filter(String.class::isInstance).map(String.class::cast);
    }

    /**
     * Open tasks per queue, highest priority first, then longest waiting. Four queries whatever the
     * number of tasks: tasks, their process instances (ticket ids), tickets, last customer messages.
     */
    @Transactional(readOnly = true)
    public Map<String, List<AgentTask>> openTasksByQueue(TicketAccess access) {
        List<Task> open = visibleTasks(access).list();
        if (open.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> ticketOfInstance = new HashMap<>();
        runtime.createProcessInstanceQuery()
                .processInstanceIds(open.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet()))
                .list()
                .forEach(p -> ticketOfInstance.put(p.getId(), Long.valueOf(p.getBusinessKey())));
        Map<Long, TicketView> ticketsById = tickets.findAll(ticketOfInstance.values());
        Map<Long, Message> lastMessages = conversations.lastInbound(ticketOfInstance.values());

        Comparator<AgentTask> order = Comparator.comparing(AgentTask::priority).reversed()
                .thenComparing(AgentTask::waitingSince);
        return open.stream()
                .map(task -> {
                    TicketView ticket = ticketsById.get(ticketOfInstance.get(task.getProcessInstanceId()));
                    Message last = lastMessages.get(ticket.id());
                    return new AgentTask(task.getId(), ticket.id(), ticket.queue(), ticket.priority(), ticket.topic(),
                            ticket.status(), ticket.customerExternalId(), task.getAssignee(),
                            task.getCreateTime().toInstant(), last == null ? "" : preview(last.body()));
                })
                .sorted(order)
                .collect(Collectors.groupingBy(AgentTask::queue, TreeMap::new, Collectors.toList()));
    }

    public TicketView claim(long ticketId, TicketAccess access) {
        claimIfFree(ticketId, taskFor(tickets.get(ticketId, access), access), access);
        return tickets.get(ticketId);
    }

    /**
     * Stores the agent's reply as an outbound message; the channel delivers it to the customer. The
     * reply meets the SLA's first or next response, and the ticket now waits for the customer.
     */
    public Message reply(long ticketId, TicketAccess access, String text) {
        return reply(ticketId, access, text, null);
    }

    /**
     * As {@link #reply(long, TicketAccess, String)}, on {@code channel}: one the customer is linked on
     * ({@link ReplyChannels}); null or blank: the channel of the customer's latest message.
     *
     * @throws InvalidTicketActionException ({@code channel}) for a channel the customer is not linked on
     */
    public Message reply(long ticketId, TicketAccess access, String text, String channel) {
        TicketView ticket = tickets.get(ticketId, access);
        taskFor(ticket, access);
        String on = replyChannels.resolve(ticket, channel);
        Message reply = conversations.appendOutbound(ticket.conversationId(), ticketId, access.userId(), text, on);
        sla.agentReplied(ticketId);
        return reply;
    }

    /** Completes the agent's task; the process marks the ticket resolved. Claims it first if unclaimed. */
    public TicketView resolve(long ticketId, TicketAccess access) {
        Task task = taskFor(tickets.get(ticketId, access), access);
        claimIfFree(ticketId, task, access);
        tasks.complete(task.getId());
        return tickets.get(ticketId);
    }

    /**
     * Moves the ticket to {@code queue} and/or hands it to {@code agent} (who must work the target
     * queue), through the process: the ticket is re-queued ({@code TicketTransferred}), the open
     * {@code Task_AgentWork} changes its candidate group and process variable {@code queue}, loses its
     * assignee and, with an agent, is claimed for them (so {@code TicketAssigned} follows as for any
     * claim); without one the assignment pushes it to an agent of the new queue after commit. The
     * note, if any, is stored as an internal note. 400 names a bad field; 409 when the caller may not
     * work the ticket (claimed by someone else, no open task).
     */
    public TicketView transfer(long ticketId, TicketAccess access, String queue, String agent, String note) {
        String toQueue = blankToNull(queue);
        String toAgent = blankToNull(agent);
        if (toQueue == null && toAgent == null) {
            throw new InvalidTicketActionException("queue", "name a queue or an agent (or both)");
        }
        TicketView ticket = tickets.get(ticketId, access);
        Task task = taskFor(ticket, access);
        requireOwnOrFree(ticketId, task, access);
        String target = toQueue == null ? ticket.queue() : toQueue;
        if (toQueue != null && !agents.queues().contains(toQueue)) {
            throw new InvalidTicketActionException("queue", "no queue named " + toQueue);
        }
        if (toAgent == null && target.equals(ticket.queue())) {
            throw new InvalidTicketActionException("queue", "the ticket is already in queue " + target);
        }
        if (toAgent != null) {
            AgentProfile profile = agents.find(toAgent)
                    .orElseThrow(() -> new InvalidTicketActionException("agent", "no agent named " + toAgent));
            if (!profile.queues().contains(target)) {
                throw new InvalidTicketActionException("agent", toAgent + " does not work queue " + target);
            }
            if (toAgent.equals(task.getAssignee()) && target.equals(ticket.queue())) {
                throw new InvalidTicketActionException("agent", "the ticket is already with " + toAgent);
            }
        }
        String why = blankToNull(note);
        tickets.transfer(ticketId, target, access.userId(), why);
        if (!target.equals(ticket.queue())) {
            tasks.deleteCandidateGroup(task.getId(), ticket.queue());
            tasks.addCandidateGroup(task.getId(), target);
            runtime.setVariable(task.getProcessInstanceId(), TicketLifecycleProcess.VAR_QUEUE, target);
        }
        if (task.getAssignee() != null) {
            tasks.setAssignee(task.getId(), null);
        }
        if (toAgent != null) {
            tasks.setAssignee(task.getId(), toAgent);
        }
        if (why != null) {
            // reach was checked above; the ticket may be out of the caller's queues by now
            tickets.addNote(ticketId, access.userId(), why);
        }
        return tickets.get(ticketId);
    }

    /**
     * Gives the caller's ticket back to its queue (a supervisor: anyone's): the task loses its
     * assignee, the ticket is released ({@code TicketUnassigned}) and the assignment pushes it to an
     * agent of the queue again after commit. 409 when nobody holds it or someone else does.
     */
    public TicketView unclaim(long ticketId, TicketAccess access) {
        TicketView ticket = tickets.get(ticketId, access);
        Task task = taskFor(ticket, access);
        if (task.getAssignee() == null) {
            throw new TaskNotAvailableException(ticketId, "nobody has claimed it");
        }
        requireOwnOrFree(ticketId, task, access);
        tasks.setAssignee(task.getId(), null);
        return tickets.get(ticketId);
    }

    /** Sets the priority of a ticket the caller reaches; the process variable {@code priority} follows. */
    public TicketView changePriority(long ticketId, TicketAccess access, String priority) {
        Priority wanted = parsePriority(priority);
        TicketView ticket = tickets.get(ticketId, access);
        TicketView changed = tickets.changePriority(ticket.id(), wanted, access.userId());
        runtime.createProcessInstanceQuery().processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .processInstanceBusinessKey(String.valueOf(ticketId)).active().list()
                .forEach(p -> runtime.setVariable(p.getId(), TicketLifecycleProcess.VAR_PRIORITY, wanted.name()));
        return changed;
    }

    /**
     * Merges ticket {@code ticketId} into {@code intoTicketId} (both within the caller's reach; 404
     * otherwise): the first's messages, attachments and notes move to the second, which goes on; the
     * first is closed as merged with a pointer ({@code TicketMerged}, in the outbox and the audit log)
     * and its lifecycle ends ({@code lifecycle.MergedTicketEnd}). A note on the second says so. 409
     * when someone else holds the first, or either is closed; 400 for the same ticket twice.
     */
    public TicketView merge(long ticketId, TicketAccess access, long intoTicketId) {
        TicketView source = tickets.get(ticketId, access);
        TicketView target = tickets.get(intoTicketId, access);
        Task task = visibleTasks(access).processInstanceBusinessKey(String.valueOf(source.id())).singleResult();
        if (task != null) {
            requireOwnOrFree(ticketId, task, access);
        }
        tickets.merge(source.id(), target.id(), access.userId());
        conversations.moveToTicket(source.id(), target.id());
        attachments.moveToTicket(source.id(), target.id());
        tickets.addNote(target.id(), access.userId(), "Merged ticket #" + source.id() + " into this one.");
        return tickets.get(target.id());
    }

    /**
     * The caller waits for the customer's answer until {@code followUpAt} (an agent only on their own
     * or an unclaimed ticket with an open task); the lifecycle brings the ticket back then.
     */
    public io.kefu.ticket.FollowUp waitForCustomer(long ticketId, TicketAccess access, java.time.Instant followUpAt,
            String note) {
        return waitForCustomer(ticketId, access, followUpAt, null, note);
    }

    /**
     * As {@link #waitForCustomer(long, TicketAccess, java.time.Instant, String)}, until {@code followUpAt}
     * or for {@code after} (an ISO-8601 duration such as {@code PT4H}), exactly one of the two; 400
     * naming the field otherwise. The reach is checked first, so a ticket out of reach is 404 whatever
     * the request says.
     */
    public io.kefu.ticket.FollowUp waitForCustomer(long ticketId, TicketAccess access, java.time.Instant followUpAt,
            String after, String note) {
        TicketView ticket = tickets.get(ticketId, access);
        requireOwnOrFree(ticketId, taskFor(ticket, access), access);
        if ((followUpAt == null) == (after == null)) {
            throw new InvalidTicketActionException("followUpAt", "give followUpAt or after, not both");
        }
        java.time.Instant until = followUpAt;
        if (until == null) {
            try {
                until = clock.instant().plus(java.time.Duration.parse(after));
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidTicketActionException("after", "an ISO-8601 duration such as PT4H or P1D");
            }
        }
        return tickets.waitForCustomer(ticketId, access, until, note);
    }

    /** The caller stops waiting for the customer; whether a wait was set. */
    public boolean stopWaiting(long ticketId, TicketAccess access) {
        return tickets.stopWaiting(ticketId, access);
    }

    /** The wait for the customer that holds on this ticket, if any. */
    @Transactional(readOnly = true)
    public java.util.Optional<io.kefu.ticket.FollowUp> followUp(long ticketId, TicketAccess access) {
        tickets.get(ticketId, access);
        return tickets.followUp(ticketId);
    }

    /** The tickets linked to this one as related, within the caller's reach. */
    @Transactional(readOnly = true)
    public List<io.kefu.ticket.TicketLink> links(long ticketId, TicketAccess access) {
        return tickets.links(ticketId, access);
    }

    /** Links another ticket as related; the ticket's links after it. */
    public List<io.kefu.ticket.TicketLink> link(long ticketId, TicketAccess access, long otherTicketId) {
        return tickets.link(ticketId, otherTicketId, access);
    }

    /** Removes the link between two tickets; whether there was one. */
    public boolean unlink(long ticketId, TicketAccess access, long otherTicketId) {
        return tickets.unlink(ticketId, otherTicketId, access);
    }

    /** An internal note on a ticket the caller reaches; never sent to the customer. */
    public TicketNote addNote(long ticketId, TicketAccess access, String text) {
        return tickets.addNote(ticketId, access, text);
    }

    /**
     * The ticket's messages and internal notes in time order (a note's {@code internal} is true), as
     * the ticket page shows them.
     */
    @Transactional(readOnly = true)
    public List<TranscriptEntry> transcriptWithNotes(long ticketId, TicketAccess access) {
        List<TranscriptEntry> entries = new java.util.ArrayList<>();
        transcript(ticketId, access).forEach(m -> entries.add(TranscriptEntry.of(m)));
        tickets.notes(ticketId, access).forEach(n -> entries.add(TranscriptEntry.of(n)));
        entries.sort(Comparator.comparing(TranscriptEntry::createdAt).thenComparing(TranscriptEntry::internal));
        return entries;
    }

    /** The queues a ticket can be transferred to. */
    @Transactional(readOnly = true)
    public List<String> queues() {
        return agents.queues();
    }

    /** Agents to transfer to, with the queues they work. */
    @Transactional(readOnly = true)
    public List<AgentProfile> agents() {
        return agents.list();
    }

    private static Priority parsePriority(String priority) {
        if (priority != null) {
            for (Priority p : Priority.values()) {
                if (p.name().equalsIgnoreCase(priority.trim())) {
                    return p;
                }
            }
        }
        throw new InvalidTicketActionException("priority", "one of " + java.util.Arrays.toString(Priority.values()));
    }

    /** An agent works only their own or an unclaimed ticket; supervisors and admins any. */
    private static void requireOwnOrFree(long ticketId, Task task, TicketAccess access) {
        if (!access.everyTicket() && task.getAssignee() != null && !task.getAssignee().equals(access.userId())) {
            throw new TaskNotAvailableException(ticketId, "claimed by " + task.getAssignee());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The ticket's messages, oldest first; {@link TicketNotFoundException} when out of reach. */
    @Transactional(readOnly = true)
    public List<Message> transcript(long ticketId, TicketAccess access) {
        tickets.get(ticketId, access);
        return conversations.transcript(ticketId);
    }

    /**
     * The ticket's messages with how far each was received and read, from the receipts the chat
     * stored for its customer; {@link TicketNotFoundException} when out of reach.
     */
    @Transactional(readOnly = true)
    public TicketReceipts receipts(long ticketId, TicketAccess access) {
        TicketView ticket = tickets.get(ticketId, access);
        return TicketReceipts.of(ticketId, conversations.transcript(ticketId), receipts.of(ticket.customerId()));
    }

    private void claimIfFree(long ticketId, Task task, TicketAccess access) {
        if (task.getAssignee() == null) {
            tasks.claim(task.getId(), access.userId());
        } else if (!task.getAssignee().equals(access.userId())) {
            throw new TaskNotAvailableException(ticketId, "already claimed by " + task.getAssignee());
        }
    }

    /**
     * The open agent task of a ticket the caller reaches (callers read it with
     * {@code tickets.get(id, access)} first, so a ticket out of reach answers 404 like a missing
     * one); 409 when it has no open task the caller may work on.
     */
    private Task taskFor(TicketView ticket, TicketAccess access) {
        Task task = visibleTasks(access).processInstanceBusinessKey(String.valueOf(ticket.id())).singleResult();
        if (task == null) {
            throw new TaskNotAvailableException(ticket.id(),
                    "no open task in your queues (it may be resolved, still being routed, or claimed by someone else)");
        }
        return task;
    }

    /** Open agent tasks the caller may work on: all of them, or those of their queues and their own. */
    private TaskQuery visibleTasks(TicketAccess access) {
        TaskQuery query = tasks.createTaskQuery()
                .processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .taskDefinitionKey(TicketLifecycleProcess.TASK_AGENT_WORK)
                .active();
        if (access.everyTicket()) {
            return query;
        }
        if (access.queues().isEmpty()) {
            return query.taskAssignee(access.userId());
        }
        return query.or().taskAssignee(access.userId()).taskCandidateGroupIn(List.copyOf(access.queues())).endOr();
    }

    private static String preview(String body) {
        return body.length() > PREVIEW_LENGTH ? body.substring(0, PREVIEW_LENGTH) + "…" : body;
    }
}
