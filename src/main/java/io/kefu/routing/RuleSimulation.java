package io.kefu.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.kie.api.KieBase;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import io.kefu.ticket.Priority;

/**
 * Replays a candidate rule set over past routings before it goes live: the live files overlaid by
 * the uploaded ones (held to {@link CandidateRulePolicy}), compiled in memory, never stored and never
 * live, decide again for the last N routed tickets from the facts recorded when each was routed; the
 * answer compares with what was decided then.
 */
@Service
class RuleSimulation {

    /** How many tickets a simulation replays when the request names no number. */
    static final int DEFAULT_TICKETS = 500;

    private final RoutingRules rules;
    private final RoutingRecords records;
    private final RulesProperties settings;
    private final ApplicationEventPublisher events;

    RuleSimulation(RoutingRules rules, RoutingRecords records, RulesProperties settings,
            ApplicationEventPublisher events) {
        this.rules = rules;
        this.records = records;
        this.settings = settings;
        this.events = events;
    }

    /** Queue, priority and SLA policy of one decision. */
    record Outcome(String queue, Priority priority, String slaPolicy) {
    }

    /** One ticket whose decision the candidate changes. */
    record Change(long ticketId, Outcome before, Outcome after) {
    }

    /** Tickets per queue, before (as routed) and after (by the candidate). */
    record Load(SortedMap<String, Long> before, SortedMap<String, Long> after) {
    }

    /** The answer of {@code POST /api/rules/simulate}. */
    record Result(int tickets, int changed, List<Change> changes, Load load) {
    }

    /**
     * @param files   candidate files by name in {@code rules/} (replacing or added to the live ones); may be empty
     * @param tickets how many of the last routed tickets, null for {@value #DEFAULT_TICKETS}
     * @param from    only routings at or after this instant, or null
     * @param to      only routings before this instant, or null
     */
    Result simulate(Map<String, String> files, Integer tickets, Instant from, Instant to) {
        int limit = tickets == null ? Math.min(DEFAULT_TICKETS, settings.simulateMaxTickets()) : tickets;
        if (limit < 1 || limit > settings.simulateMaxTickets()) {
            throw new InvalidSimulationException("tickets must be between 1 and " + settings.simulateMaxTickets());
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidSimulationException("from must be before to");
        }
        Map<String, String> candidate = files == null ? Map.of() : files;
        KieBase base;
        try {
            CandidateRulePolicy.checkFiles(candidate, settings.uploadMaxBytes());
            RuleFiles overlaid = rules.live().files().overlay(candidate);
            SortedMap<String, String> drl = overlaid.drl();
            candidate.keySet().forEach(name -> CandidateRulePolicy.checkDrl(name, drl.get(name)));
            base = RoutingRules.compile(overlaid);
        } catch (RuleSetInvalidException refused) {
            events.publishEvent(new RoutingRulesReloaded(false, "rules.simulate", "candidate "
                    + candidate.keySet() + " refused: " + refused.getMessage()));
            throw refused;
        }
        List<RoutingRecords.Routed> routed = records.latest(limit, from, to);
        List<Change> changes = new ArrayList<>();
        SortedMap<String, Long> before = new TreeMap<>();
        SortedMap<String, Long> after = new TreeMap<>();
        for (RoutingRecords.Routed ticket : routed) {
            RoutingDecision decision;
            try {
                decision = RoutingRules.decide(base, ticket.request());
            } catch (IllegalStateException undecided) {
                throw new RuleSetInvalidException("Candidate rules fail on ticket " + ticket.ticketId() + ": "
                        + undecided.getMessage(), undecided);
            }
            Outcome was = new Outcome(ticket.queue(), ticket.priority(), ticket.slaPolicy());
            Outcome now = new Outcome(decision.getQueue(), decision.getPriority(), decision.getSlaPolicy());
            if (!was.equals(now)) {
                changes.add(new Change(ticket.ticketId(), was, now));
            }
            before.merge(was.queue(), 1L, Long::sum);
            after.merge(now.queue(), 1L, Long::sum);
        }
        events.publishEvent(new RoutingRulesReloaded(true, "rules.simulate", "candidate " + candidate.keySet()
                + " over " + routed.size() + " ticket(s): " + changes.size() + " decision(s) change"));
        return new Result(routed.size(), changes.size(), changes, new Load(before, after));
    }
}
