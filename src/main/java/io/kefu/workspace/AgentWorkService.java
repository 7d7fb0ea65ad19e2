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

import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Message;
import io.kefu.lifecycle.TicketLifecycleProcess;
import io.kefu.sla.SlaClocks;
import io.kefu.ticket.TicketAccess;
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

    AgentWorkService(TaskService tasks, RuntimeService runtime, TicketService tickets,
            ConversationService conversations, SlaClocks sla) {
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
        TicketView ticket = tickets.get(ticketId, access);
        taskFor(ticket, access);
        Message reply = conversations.appendOutbound(ticket.conversationId(), ticketId, access.userId(), text);
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

    /** The ticket's messages, oldest first; {@link TicketNotFoundException} when out of reach. */
    @Transactional(readOnly = true)
    public List<Message> transcript(long ticketId, TicketAccess access) {
        tickets.get(ticketId, access);
        return conversations.transcript(ticketId);
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
