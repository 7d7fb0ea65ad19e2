package io.kefu.workspace;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.agent.AgentPresence;
import io.kefu.agent.AgentProfile;
import io.kefu.agent.AgentService;
import io.kefu.agent.AgentUpdate;
import io.kefu.ticket.SlaTarget;
import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketSla;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.TicketView;

/**
 * What the supervisor console ({@code /supervisor}) shows and changes: every queue with its waiting
 * tickets, the longest wait and the tickets whose SLA is at risk; every agent with presence, load
 * against capacity and skills; the open tickets to reassign. Reassigning goes through
 * {@link AgentWorkService#transfer} (the same as <code>POST /api/tickets/{id}/transfer</code>), one
 * ticket per transaction so that one refusal leaves the others transferred; an agent's capacity and
 * skills through {@link AgentService#update} (the same as <code>PUT /api/agents/{userId}</code>).
 */
@Service
public class SupervisorConsole {

    private final AgentWorkService work;
    private final TicketService tickets;
    private final AgentService agents;
    private final Clock clock;

    SupervisorConsole(AgentWorkService work, TicketService tickets, AgentService agents, Clock clock) {
        this.work = work;
        this.tickets = tickets;
        this.agents = agents;
        this.clock = clock;
    }

    /** The console's state now, as the caller (a supervisor or admin: every ticket) sees it. */
    @Transactional(readOnly = true)
    public Overview overview(TicketAccess access) {
        Instant now = clock.instant();
        Map<String, List<AgentTask>> open = work.openTasksByQueue(access);
        Map<Long, TicketView> views = tickets.findAll(open.values().stream().flatMap(List::stream)
                .map(AgentTask::ticketId).toList());
        List<AgentProfile> profiles = agents.list();
        List<String> queueNames = agents.queues();

        Map<String, QueueRow> queues = new TreeMap<>();
        for (String queue : queueNames) {
            queues.put(queue, QueueRow.empty(queue));
        }
        List<TicketRow> rows = new ArrayList<>();
        open.forEach((queue, tasks) -> {
            for (AgentTask task : tasks) {
                TicketView view = views.get(task.ticketId());
                SlaTarget risk = view == null ? null : atRisk(view.sla(), now);
                boolean waiting = task.assignee() == null && task.status() == TicketStatus.QUEUED;
                rows.add(new TicketRow(task, waiting, risk, view == null || view.sla() == null ? null : view.sla().firstResponseDue()));
                queues.put(queue, queues.getOrDefault(queue, QueueRow.empty(queue))
                        .with(waiting, task.waitingSince(), risk != null && waiting));
            }
        });
        for (AgentProfile agent : profiles) {
            for (String queue : agent.queues()) {
                queues.computeIfPresent(queue, (q, row) -> row.withAgent(agent.presence() == AgentPresence.ONLINE));
            }
        }
        rows.sort(Comparator.comparing((TicketRow r) -> r.task().queue()).thenComparing(r -> !r.waiting()));
        return new Overview(List.copyOf(queues.values()), profiles, rows, queueNames, now);
    }

    /**
     * Transfers each ticket to the queue and/or agent, each in its own transaction; returns what
     * was refused, by ticket, with the reason the transfer gave.
     */
    public TransferOutcome transfer(List<Long> ticketIds, TicketAccess access, String queue, String agent, String note) {
        int moved = 0;
        Map<Long, String> refused = new TreeMap<>();
        for (long id : ticketIds.stream().distinct().toList()) {
            try {
                work.transfer(id, access, queue, agent, note);
                moved++;
            } catch (RuntimeException e) {
                refused.put(id, reason(e));
            }
        }
        return new TransferOutcome(moved, refused);
    }

    /**
     * Sets the agent's skills, languages and capacity, keeping their working hours; the agent
     * service checks every field and stores nothing when one is bad.
     */
    public AgentProfile updateAgent(String userId, List<String> skills, List<String> languages, Integer chat,
            Integer email) {
        AgentProfile current = agents.get(userId);
        return agents.update(userId, new AgentUpdate(skills, languages, new AgentUpdate.Capacity(chat, email),
                current.workingHours()));
    }

    /**
     * The first target whose clock runs and is past due or past its 75 % warning (the warning
     * recorded for the current due time; a moved due time is warned afresh), else null.
     */
    static SlaTarget atRisk(TicketSla sla, Instant now) {
        if (sla == null) {
            return null;
        }
        Instant[] due = {sla.firstResponseDue(), sla.nextResponseDue(), sla.pausedSince() == null ? sla.resolutionDue() : null};
        SlaTarget[] targets = {SlaTarget.FIRST_RESPONSE, SlaTarget.NEXT_RESPONSE, SlaTarget.RESOLUTION};
        for (int i = 0; i < targets.length; i++) {
            Instant at = due[i];
            SlaTarget target = targets[i];
            if (at != null && (!now.isBefore(at)
                    || sla.warnings().stream().anyMatch(w -> w.target() == target && at.equals(w.dueAt())))) {
                return target;
            }
        }
        return null;
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * @param queues      every queue (groups agents work), by name, even when empty
     * @param agents      every agent
     * @param tickets     the open tickets, by queue, waiting ones first in serving order
     * @param targetQueues the queues a ticket can be transferred to
     * @param at          when this was read
     */
    public record Overview(List<QueueRow> queues, List<AgentProfile> agents, List<TicketRow> tickets,
            List<String> targetQueues, Instant at) {
    }

    /**
     * @param waiting       tickets waiting for an agent (QUEUED, nobody holds them)
     * @param assigned      tickets an agent holds
     * @param longestSince  since when the longest-waiting ticket waits, or null
     * @param atRisk        waiting tickets whose SLA is at risk ({@link #atRisk})
     * @param agentsOnline  agents of the queue who are ONLINE
     * @param agents        agents of the queue
     */
    public record QueueRow(String queue, int waiting, int assigned, Instant longestSince, int atRisk,
            int agentsOnline, int agents) {

        static QueueRow empty(String queue) {
            return new QueueRow(queue, 0, 0, null, 0, 0, 0);
        }

        QueueRow with(boolean isWaiting, Instant since, boolean risk) {
            if (!isWaiting) {
                return new QueueRow(queue, waiting, assigned + 1, longestSince, atRisk, agentsOnline, agents);
            }
            Instant longest = longestSince == null || since.isBefore(longestSince) ? since : longestSince;
            return new QueueRow(queue, waiting + 1, assigned, longest, atRisk + (risk ? 1 : 0), agentsOnline, agents);
        }

        QueueRow withAgent(boolean online) {
            return new QueueRow(queue, waiting, assigned, longestSince, atRisk, agentsOnline + (online ? 1 : 0), agents + 1);
        }
    }

    /**
     * @param task             the open task with its ticket's facts
     * @param waiting          whether it waits for an agent
     * @param atRisk           the SLA target at risk, or null
     * @param firstResponseDue when the first reply is due, or null
     */
    public record TicketRow(AgentTask task, boolean waiting, SlaTarget atRisk, Instant firstResponseDue) {
    }

    /** @param refused the reason each refused ticket was not transferred, by ticket id */
    public record TransferOutcome(int transferred, Map<Long, String> refused) {
    }
}
