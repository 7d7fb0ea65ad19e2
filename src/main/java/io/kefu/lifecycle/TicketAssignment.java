package io.kefu.lifecycle;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskAlreadyClaimedException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.kefu.agent.AgentPresence;
import io.kefu.agent.AgentPresenceChanged;
import io.kefu.agent.AgentProfileChanged;
import io.kefu.agent.AgentService;
import io.kefu.agent.AssignmentCandidate;
import io.kefu.agent.WorkKind;
import io.kefu.conversation.ConversationService;
import io.kefu.ticket.TicketAbandoned;
import io.kefu.ticket.TicketAssigned;
import io.kefu.ticket.TicketClosed;
import io.kefu.ticket.TicketPriorityChanged;
import io.kefu.ticket.TicketResolved;
import io.kefu.ticket.TicketTransferred;
import io.kefu.ticket.TicketRouted;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketUnassigned;
import io.kefu.ticket.TicketView;

/**
 * Pushes waiting tickets ({@code Task_AgentWork}) to agents. After every change that can free or
 * need an agent has committed — a ticket routed (the task was created), given back, resolved,
 * closed or abandoned, an agent online or their profile changed, the skills timeout passed — it
 * <em>drains</em>: under the assignment lock, it takes the waiting tickets in priority, then age,
 * order and gives the first one an eligible agent may take to the agent the queue's strategy picks
 * ({@link AgentService#choose}), by claiming its task as an agent would (so
 * {@link TicketAssignmentListener} assigns the ticket and {@code TicketAssigned} is published); one
 * ticket per transaction, until no waiting ticket finds an agent. Then it tells the waiting tickets
 * of the queues that moved their new places. A schedule ({@code kefu.assignment.sweep-interval})
 * drains too, so a drain lost to a conflict or a crashed node is made up.
 *
 * <p>An agent going OFFLINE gives back, in the same transaction, each ticket they have not written to
 * the customer on since it was assigned to them.
 */
@Component
class TicketAssignment {

    private static final Logger log = LoggerFactory.getLogger(TicketAssignment.class);
    /** Waiting tickets looked at per decision, in serving order. */
    private static final int WAITING_LOOKED_AT = 1000;
    /** Conflicting decisions (another node assigned or changed the ticket meanwhile) retried per drain. */
    private static final int CONFLICTS_RETRIED = 5;

    /** Queues whose places changed while this thread drains: a drain started by a drain joins it. */
    private final ThreadLocal<Set<String>> draining = new ThreadLocal<>();

    private final AgentService agents;
    private final TicketService tickets;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final ConversationService conversations;
    private final TransactionTemplate ownTransaction;
    private final IdentityService identity;

    TicketAssignment(AgentService agents, TicketService tickets, TaskService tasks, RuntimeService runtime,
            ConversationService conversations, PlatformTransactionManager transactions, IdentityService identity) {
        this.identity = identity;
        this.agents = agents;
        this.tickets = tickets;
        this.tasks = tasks;
        this.runtime = runtime;
        this.conversations = conversations;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketRouted event) {
        drain(event.ticket().queue());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketUnassigned event) {
        drain(event.ticket().queue());
    }

    /** Moved to another queue: both queues' waiting tickets moved, the new queue may find an agent. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketTransferred event) {
        drain(event.fromQueue());
        drain(event.ticket().queue());
    }

    /** A new priority changes the queue's serving order. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketPriorityChanged event) {
        drain(event.ticket().queue());
    }

    /** Claimed by hand or pushed: the tickets behind it moved up. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketAssigned event) {
        drain(event.ticket().queue());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketResolved event) {
        drain(event.ticket().queue());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketClosed event) {
        drain(null);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketAbandoned event) {
        drain(event.ticket().queue());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(AgentProfileChanged event) {
        drain(null);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void presenceCommitted(AgentPresenceChanged event) {
        if (event.presence() == AgentPresence.ONLINE) {
            drain(null);
        }
    }

    /** The safety net: whatever was missed is assigned within one interval. */
    @Scheduled(fixedDelayString = "${kefu.assignment.sweep-interval:PT30S}",
            initialDelayString = "${kefu.assignment.sweep-interval:PT30S}")
    void sweep() {
        drain(null);
    }

    /**
     * Going OFFLINE gives back the agent's tickets they have not answered since they got them, in the
     * transaction that stores the presence; the drain after it gives them to others.
     */
    @EventListener
    void presenceChanged(AgentPresenceChanged event) {
        if (event.presence() != AgentPresence.OFFLINE) {
            return;
        }
        for (TicketView ticket : tickets.assignedTo(event.userId())) {
            if (ticket.assignedAt() != null && conversations.hasOutboundSince(ticket.id(), event.userId(), ticket.assignedAt())) {
                continue;
            }
            Task task = openTask(ticket.id());
            if (task != null && event.userId().equals(task.getAssignee())) {
                tasks.setAssignee(task.getId(), null);
            }
        }
    }

    /** The customer left: the ticket's lifecycle ends with it (the instance is deleted, reason "abandoned"). */
    @EventListener
    void abandoned(TicketAbandoned event) {
        for (ProcessInstance instance : runtime.createProcessInstanceQuery()
                .processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .processInstanceBusinessKey(String.valueOf(event.ticketId())).list()) {
            runtime.deleteProcessInstance(instance.getId(), "abandoned: the customer left while waiting for an agent");
        }
    }

    /** Drains once the current transaction has committed (at once without one). */
    void drainAfterCommit(String queue) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    drain(queue);
                }
            });
        } else {
            drain(queue);
        }
    }

    /**
     * Assigns waiting tickets until none finds an agent, then tells the waiting tickets of the queues
     * that moved (and {@code queue}, when given) their places. Never throws: a failure is logged and
     * the next drain or the sweep makes it up.
     */
    void drain(String queue) {
        Set<String> joined = draining.get();
        if (joined != null) {
            if (queue != null) {
                joined.add(queue);
            }
            return;
        }
        Set<String> moved = new LinkedHashSet<>();
        if (queue != null) {
            moved.add(queue);
        }
        draining.set(moved);
        // The system assigns, not whoever's change started the drain (a supervisor in Tasklist may have
        // engine authorizations for some queues only): the engine's checks do not apply to it.
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            int conflicts = 0;
            while (true) {
                try {
                    Optional<String> assignedIn = ownTransaction.execute(status -> assignOne());
                    if (assignedIn.isEmpty()) {
                        break;
                    }
                    moved.add(assignedIn.get());
                } catch (OptimisticLockingException | OptimisticLockingFailureException | TaskAlreadyClaimedException e) {
                    if (++conflicts > CONFLICTS_RETRIED) {
                        log.info("Assignment gave up after {} conflicts; the sweep retries: {}", conflicts, e.toString());
                        break;
                    }
                }
            }
            while (!moved.isEmpty()) {
                List<String> queues = List.copyOf(moved);
                moved.clear();
                ownTransaction.executeWithoutResult(status -> {
                    agents.lockAssignments();
                    tickets.refreshQueuePositions(queues);
                });
            }
        } catch (RuntimeException e) {
            log.warn("Assignment failed; the sweep retries", e);
        } finally {
            draining.remove();
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }

    /** One decision under the lock: the first waiting ticket an online agent may take goes to them. */
    private Optional<String> assignOne() {
        agents.lockAssignments();
        List<AssignmentCandidate> candidates = agents.onlineCandidates();
        if (candidates.stream().noneMatch(c -> c.hasRoomFor(WorkKind.CHAT) || c.hasRoomFor(WorkKind.EMAIL))) {
            return Optional.empty();
        }
        for (TicketView ticket : tickets.waiting(WAITING_LOOKED_AT)) {
            if (candidates.stream().noneMatch(c -> c.mayTake(ticket))) {
                continue;
            }
            Task task = openTask(ticket.id());
            if (task == null || task.getAssignee() != null) {
                continue;
            }
            Optional<AssignmentCandidate> chosen = agents.choose(ticket, candidates);
            if (chosen.isPresent()) {
                tasks.claim(task.getId(), chosen.get().userId());
                return Optional.of(ticket.queue());
            }
        }
        return Optional.empty();
    }

    private Task openTask(long ticketId) {
        return tasks.createTaskQuery()
                .processDefinitionKey(TicketLifecycleProcess.PROCESS_ID)
                .taskDefinitionKey(TicketLifecycleProcess.TASK_AGENT_WORK)
                .processInstanceBusinessKey(String.valueOf(ticketId))
                .active().singleResult();
    }
}
