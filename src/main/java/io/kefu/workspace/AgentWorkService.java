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
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * What an agent does with tickets: list the open tasks of their queues, claim, reply, resolve.
 * An agent only sees and works tasks of queues (groups) they belong to, or tasks assigned to them.
 */
@Service
@Transactional
public class AgentWorkService {

    private static final int PREVIEW_LENGTH = 120;

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final TicketService tickets;
    private final ConversationService conversations;

    AgentWorkService(TaskService tasks, RuntimeService runtime, TicketService tickets,
            ConversationService conversations) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.tickets = tickets;
        this.conversations = conversations;
    }

    /**
     * Open tasks per queue, highest priority first, then longest waiting. Four queries whatever the
     * number of tasks: tasks, their process instances (ticket ids), tickets, last customer messages.
     */
    @Transactional(readOnly = true)
    public Map<String, List<AgentTask>> openTasksByQueue(Agent agent) {
        List<Task> open = visibleTasks(agent).list();
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

    public TicketView claim(long ticketId, Agent agent) {
        claimIfFree(ticketId, taskFor(ticketId, agent), agent);
        return tickets.get(ticketId);
    }

    /** Stores the agent's reply as an outbound message; the channel delivers it to the customer. */
    public Message reply(long ticketId, Agent agent, String text) {
        taskFor(ticketId, agent);
        return conversations.appendOutbound(tickets.get(ticketId).conversationId(), ticketId, agent.userId(), text);
    }

    /** Completes the agent's task; the process marks the ticket resolved. Claims it first if unclaimed. */
    public TicketView resolve(long ticketId, Agent agent) {
        Task task = taskFor(ticketId, agent);
        claimIfFree(ticketId, task, agent);
        tasks.complete(task.getId());
        return tickets.get(ticketId);
    }

    @Transactional(readOnly = true)
    public List<Message> transcript(long ticketId) {
        tickets.get(ticketId);
        return conversations.transcript(ticketId);
    }

    private void claimIfFree(long ticketId, Task task, Agent agent) {
        if (task.getAssignee() == null) {
            tasks.claim(task.getId(), agent.userId());
        } else if (!task.getAssignee().equals(agent.userId())) {
            throw new TaskNotAvailableException(ticketId, "already claimed by " + task.getAssignee());
        }
    }

    /** The ticket's open agent task in the agent's reach; 404 for an unknown ticket, 409 otherwise. */
    private Task taskFor(long ticketId, Agent agent) {
        Task task = visibleTasks(agent).processInstanceBusinessKey(String.valueOf(ticketId)).singleResult();
        if (task != null) {
            return task;
        }
        tickets.get(ticketId);
        throw new TaskNotAvailableException(ticketId,
                "no open task in your queues (it may be resolved, still being routed, or in another queue)");
    }

    private TaskQuery visibleTasks(Agent agent) {
        TaskQuery query = tasks.createTaskQuery()
                .processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .taskDefinitionKey(TicketLifecycleProcess.TASK_AGENT_WORK)
                .active();
        if (agent.groups().isEmpty()) {
            return query.taskAssignee(agent.userId());
        }
        return query.or().taskAssignee(agent.userId()).taskCandidateGroupIn(agent.groups()).endOr();
    }

    private static String preview(String body) {
        return body.length() > PREVIEW_LENGTH ? body.substring(0, PREVIEW_LENGTH) + "…" : body;
    }
}
