package io.kefu.workspace;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Direction;
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
    private final TicketService tickets;
    private final ConversationService conversations;

    AgentWorkService(TaskService tasks, TicketService tickets, ConversationService conversations) {
        this.tasks = tasks;
        this.tickets = tickets;
        this.conversations = conversations;
    }

    /** Open tasks per queue, highest priority first, then longest waiting. */
    @Transactional(readOnly = true)
    public Map<String, List<AgentTask>> openTasksByQueue(Agent agent) {
        Map<String, List<AgentTask>> byQueue = new TreeMap<>();
        for (Task task : visibleTasks(agent).list()) {
            AgentTask row = toRow(task);
            byQueue.computeIfAbsent(row.queue(), q -> new java.util.ArrayList<>()).add(row);
        }
        Comparator<AgentTask> order = Comparator.comparing(AgentTask::priority).reversed()
                .thenComparing(AgentTask::waitingSince);
        Map<String, List<AgentTask>> sorted = new LinkedHashMap<>();
        byQueue.forEach((queue, rows) -> sorted.put(queue, rows.stream().sorted(order).toList()));
        return sorted;
    }

    public TicketView claim(long ticketId, Agent agent) {
        Task task = taskFor(ticketId, agent);
        if (task.getAssignee() != null && !task.getAssignee().equals(agent.userId())) {
            throw new TaskNotAvailableException(ticketId, "already claimed by " + task.getAssignee());
        }
        if (task.getAssignee() == null) {
            tasks.claim(task.getId(), agent.userId());
        }
        return tickets.get(ticketId);
    }

    /** Stores the agent's reply as an outbound message; the channel delivers it to the customer. */
    public Message reply(long ticketId, Agent agent, String text) {
        taskFor(ticketId, agent);
        TicketView ticket = tickets.get(ticketId);
        return conversations.appendOutbound(ticket.conversationId(), ticketId, agent.userId(), text);
    }

    /** Completes the agent's task; the process marks the ticket resolved. Claims it first if unclaimed. */
    public TicketView resolve(long ticketId, Agent agent) {
        claim(ticketId, agent);
        tasks.complete(taskFor(ticketId, agent).getId());
        return tickets.get(ticketId);
    }

    @Transactional(readOnly = true)
    public List<Message> transcript(long ticketId) {
        tickets.get(ticketId);
        return conversations.transcript(ticketId);
    }

    private Task taskFor(long ticketId, Agent agent) {
        tickets.get(ticketId);
        Optional<Task> task = Optional.ofNullable(visibleTasks(agent)
                .processInstanceBusinessKey(String.valueOf(ticketId)).singleResult());
        return task.orElseThrow(() -> new TaskNotAvailableException(ticketId,
                "no open task in your queues (it may be resolved, still being routed, or in another queue)"));
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

    private AgentTask toRow(Task task) {
        long ticketId = Long.parseLong(businessKey(task));
        TicketView ticket = tickets.get(ticketId);
        String preview = conversations.transcript(ticketId).stream()
                .filter(m -> m.direction() == Direction.INBOUND)
                .reduce((first, second) -> second)
                .map(m -> m.body().length() > PREVIEW_LENGTH ? m.body().substring(0, PREVIEW_LENGTH) + "…" : m.body())
                .orElse("");
        return new AgentTask(task.getId(), ticketId, ticket.queue(), ticket.priority(), ticket.topic(),
                ticket.status(), ticket.customerExternalId(), task.getAssignee(), task.getCreateTime().toInstant(), preview);
    }

    private String businessKey(Task task) {
        Object ticketId = tasks.getVariable(task.getId(), TicketLifecycleProcess.VAR_TICKET_ID);
        return String.valueOf(ticketId);
    }
}
