package io.kefu.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kefu.customer.CustomerTier;
import io.kefu.testing.MovingClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ticket's SLA clocks as the aggregate keeps them, on a clock the test moves and a calendar
 * that is open around the clock (business-time arithmetic has its own tables in
 * {@code io.kefu.sla.BusinessHoursTest}): start at routing, warning at 75 %, breach once, an
 * agent's reply stopping the response clocks and pausing resolution, the customer's next message
 * resuming it with the time it had left.
 */
class TicketSlaClocksTest {

    static final Instant ROUTED = Instant.parse("2026-11-02T02:00:00Z");
    static final SlaTerms.Calendar WALL_CLOCK = new SlaTerms.Calendar() {
        @Override
        public Instant plus(Instant from, Duration amount) {
            return from.plus(amount);
        }

        @Override
        public Duration between(Instant from, Instant to) {
            return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
        }
    };
    static final SlaTerms TERMS = new SlaTerms("standard", Duration.ofMinutes(60), Duration.ofMinutes(20),
            Duration.ofHours(8), WALL_CLOCK);

    final MovingClock clock = new MovingClock(ROUTED);
    final List<Object> published = new ArrayList<>();
    final TicketService service = new TicketService(new TicketFactsTest.InMemoryTickets(), published::add, clock,
            new WaitingQueueProperties(Duration.ofMinutes(15), 100, java.util.Set.of(Channel.WEB)), null, null, null,
            new FollowUpProperties(Duration.ofHours(24), Duration.ofDays(30)));

    @Test
    void routingStartsTheFirstResponseAndResolutionClocksAndTheFactCarriesThem() {
        long id = routed();

        TicketSla sla = only(TicketRouted.class).ticket().sla();
        assertThat(sla.policy()).isEqualTo("standard");
        assertThat(sla.firstResponseDue()).isEqualTo(ROUTED.plus(Duration.ofMinutes(60)));
        assertThat(sla.resolutionDue()).isEqualTo(ROUTED.plus(Duration.ofHours(8)));
        assertThat(sla.nextResponseDue()).isNull();
        assertThat(sla.breaches()).isEmpty();
        assertThat(service.get(id).sla()).isEqualTo(sla);
    }

    @Test
    void aWarningAt75PercentAndABreachAtTheDueTimeAreEachRecordedOnce() {
        long id = routed();
        published.clear();

        clock.set(ROUTED.plus(Duration.ofMinutes(44)));
        service.checkSla(id);
        assertThat(published).as("44 of 60 minutes: no warning yet").isEmpty();

        clock.set(ROUTED.plus(Duration.ofMinutes(45)));
        service.checkSla(id);
        service.checkSla(id);
        TicketSlaWarning warning = only(TicketSlaWarning.class);
        assertThat(warning.target()).isEqualTo(SlaTarget.FIRST_RESPONSE);
        assertThat(warning.dueAt()).isEqualTo(ROUTED.plus(Duration.ofMinutes(60)));
        assertThat(warning.ticket().sla().warnings()).extracting(SlaWarning::target)
                .containsExactly(SlaTarget.FIRST_RESPONSE);
        published.clear();

        clock.set(ROUTED.plus(Duration.ofMinutes(61)));
        service.checkSla(id);
        service.checkSla(id);
        TicketSlaBreached breach = only(TicketSlaBreached.class);
        assertThat(breach.target()).isEqualTo(SlaTarget.FIRST_RESPONSE);
        assertThat(breach.ticket().sla().breaches()).containsExactly(new SlaBreach(SlaTarget.FIRST_RESPONSE,
                ROUTED.plus(Duration.ofMinutes(60)), ROUTED.plus(Duration.ofMinutes(61))));
    }

    @Test
    void anAgentsReplyStopsTheResponseClocksAndPausesResolutionUntilTheCustomerWrites() {
        long id = routed();
        clock.set(ROUTED.plus(Duration.ofMinutes(30)));

        TicketSla replied = service.agentReplied(id).sla();

        assertThat(replied.firstResponseDue()).isNull();
        assertThat(replied.firstRespondedAt()).isEqualTo(ROUTED.plus(Duration.ofMinutes(30)));
        assertThat(replied.pausedSince()).isEqualTo(ROUTED.plus(Duration.ofMinutes(30)));
        clock.set(ROUTED.plus(Duration.ofHours(20)));
        published.clear();
        service.checkSla(id);
        assertThat(published).as("paused: the old resolution due time passed unbreached").isEmpty();

        TicketSla resumed = service.noteCustomerMessage(id, t -> TERMS).sla();

        assertThat(resumed.pausedSince()).isNull();
        assertThat(resumed.resolutionDue()).as("7.5 hours were left when it paused")
                .isEqualTo(ROUTED.plus(Duration.ofHours(20)).plus(Duration.ofMinutes(450)));
        assertThat(resumed.nextResponseDue()).isEqualTo(ROUTED.plus(Duration.ofHours(20)).plus(Duration.ofMinutes(20)));
        assertThat(resumed.firstResponseDue()).as("the first response stays met").isNull();
    }

    @Test
    void anUnansweredCustomerMessageBreachesTheNextResponseTarget() {
        long id = routed();
        service.agentReplied(id);
        clock.set(ROUTED.plus(Duration.ofHours(1)));
        service.noteCustomerMessage(id, t -> TERMS);
        published.clear();

        clock.set(ROUTED.plus(Duration.ofMinutes(81)));
        service.checkSla(id);

        assertThat(published).extracting(Object::getClass).containsExactly(TicketSlaWarning.class,
                TicketSlaBreached.class);
        assertThat(only(TicketSlaBreached.class).target()).isEqualTo(SlaTarget.NEXT_RESPONSE);
        clock.set(ROUTED.plus(Duration.ofMinutes(90)));
        assertThat(service.agentReplied(id).sla().nextResponseDue()).as("answered: the clock stops").isNull();
    }

    @Test
    void aSecondCustomerMessageKeepsTheNextResponseDueOfTheFirst() {
        long id = routed();
        service.agentReplied(id);
        clock.set(ROUTED.plus(Duration.ofHours(1)));
        Instant due = service.noteCustomerMessage(id, t -> TERMS).sla().nextResponseDue();
        clock.set(ROUTED.plus(Duration.ofMinutes(70)));

        assertThat(service.noteCustomerMessage(id, t -> TERMS).sla().nextResponseDue()).isEqualTo(due);
    }

    @Test
    void aResolvedTicketRunsNoClockAndKeepsItsBreachesWhenRoutedAgain() {
        long id = routed();
        clock.set(ROUTED.plus(Duration.ofMinutes(61)));
        service.checkSla(id);
        service.resolve(id);
        published.clear();

        clock.set(ROUTED.plus(Duration.ofDays(2)));
        service.checkSla(id);
        assertThat(published).isEmpty();

        service.reopen(id);
        TicketSla again = service.route(id, t -> new Placement("general_support", Priority.NORMAL, java.util.Set.of(),
                "standard", List.of()), t -> TERMS).sla();
        assertThat(again.firstResponseDue()).isEqualTo(ROUTED.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(60)));
        assertThat(again.breaches()).extracting(SlaBreach::target).containsExactly(SlaTarget.FIRST_RESPONSE);
    }

    private long routed() {
        long id = service.open(1, "c-1", CustomerTier.STANDARD, 1, Channel.WEB, null).id();
        service.route(id, t -> new Placement("general_support", Priority.NORMAL, java.util.Set.of(), "standard",
                List.of()), t -> TERMS);
        return id;
    }

    private <T> T only(Class<T> type) {
        List<T> found = published.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
