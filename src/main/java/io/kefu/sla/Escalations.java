package io.kefu.sla;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.TicketView;

/**
 * The escalation ladder of {@code kefu.escalation.levels}: a ticket still waiting for its first
 * agent reply climbs one level per call. Each level stores a notification for its group
 * ({@code escalation_notification}), publishes {@link TicketEscalationRaised} for the modules
 * that deliver it, and logs a line. The ladder stops once an agent replied, the ticket left the
 * agents (resolved, closed), or it was routed again (a new ladder belongs to the new routing).
 */
@Service
@Transactional
public class Escalations {

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);

    private final TicketService tickets;
    private final SlaClocks clocks;
    private final List<EscalationProperties.Level> levels;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Escalations(TicketService tickets, SlaClocks clocks, EscalationProperties properties, JdbcClient jdbc,
            ApplicationEventPublisher events, Clock clock) {
        this.tickets = tickets;
        this.clocks = clocks;
        this.levels = properties.levels();
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Climbs to {@code level} (1 = first above the queue's agents) for {@code reason}, unless the
     * ladder has to stop; {@code ladderFor} is the first-response due time the ladder started for
     * (null on its first step). At {@link EscalationReason#FIRST_RESPONSE_DUE} the breach is
     * recorded too, if the SLA watch has not done so yet.
     */
    public Optional<EscalationStep> escalate(long ticketId, int level, Instant ladderFor, EscalationReason reason) {
        if (reason == EscalationReason.FIRST_RESPONSE_DUE) {
            clocks.check(ticketId);
        }
        TicketView ticket = tickets.get(ticketId);
        Instant due = ticket.sla().firstResponseDue();
        boolean waiting = (ticket.status() == TicketStatus.QUEUED || ticket.status() == TicketStatus.ASSIGNED)
                && ticket.sla().firstRespondedAt() == null;
        if (!waiting || level < 1 || level > levels.size() || (ladderFor != null && !ladderFor.equals(due))) {
            log.info("Ticket {}: escalation ladder stops before level {} (status {}, first reply {})", ticketId,
                    level, ticket.status(), ticket.sla().firstRespondedAt());
            return Optional.empty();
        }
        EscalationProperties.Level reached = levels.get(level - 1);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long notification = store(ticketId, level, reached, reason, now);
        events.publishEvent(new TicketEscalationRaised(notification, ticketId, level, reached.name(), reached.group(),
                reason, now));
        log.warn("Ticket {} escalated to level {} ({}, group {}): {}", ticketId, level, reached.name(),
                reached.group(), reason);
        boolean further = level < levels.size();
        String nextAfter = further ? clocks.businessTime(ticket, levels.get(level).after()).toString() : null;
        return Optional.of(new EscalationStep(level, reached.name(), reached.group(), further, nextAfter, due));
    }

    /** The notifications stored for a ticket, oldest first. */
    @Transactional(readOnly = true)
    public List<TicketEscalationRaised> notifications(long ticketId) {
        return jdbc.sql("SELECT * FROM escalation_notification WHERE ticket_id = ? ORDER BY id").param(ticketId)
                .query((rs, row) -> new TicketEscalationRaised(rs.getLong("id"), rs.getLong("ticket_id"),
                        rs.getInt("level"), rs.getString("level_name"), rs.getString("recipient"),
                        EscalationReason.valueOf(rs.getString("reason")), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    private long store(long ticketId, int level, EscalationProperties.Level reached, EscalationReason reason,
            Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO escalation_notification (ticket_id, level, level_name, recipient, reason, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """).params(ticketId, level, reached.name(), reached.group(), reason.name(), Timestamp.from(now))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }
}
