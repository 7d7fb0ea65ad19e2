package io.kefu.ticket;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.kefu.customer.CustomerTier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each intent method publishes exactly the record of the fact it made true, carrying the ticket as
 * it is right after the change; a call that changes nothing publishes nothing. The service runs on
 * an in-memory repository and a publisher that records what it is given.
 */
class TicketFactsTest {

    static final Instant NOW = Instant.parse("2026-11-24T07:54:11.661Z");

    final List<Object> published = new ArrayList<>();
    /** The queue places a waiting ticket is told, apart from the facts. */
    final List<QueuePositionChanged> told = new ArrayList<>();
    final TicketService service = new TicketService(new InMemoryTickets(),
            e -> {
                if (e instanceof QueuePositionChanged place) {
                    told.add(place);
                } else {
                    published.add(e);
                }
            },
            Clock.fixed(NOW, ZoneOffset.UTC), new WaitingQueueProperties(java.time.Duration.ofMinutes(15), 100, java.util.Set.of(Channel.WEB)), null, null, null,
            new FollowUpProperties(java.time.Duration.ofHours(24), java.time.Duration.ofDays(30)));

    @Test
    void openingPublishesTicketOpenedWithTheNewId() {
        TicketView ticket = open();

        assertThat(published).singleElement().isInstanceOfSatisfying(TicketOpened.class, e -> {
            assertThat(e.ticketId()).isEqualTo(ticket.id());
            assertThat(e.ticket().status()).isEqualTo(TicketStatus.NEW);
            assertThat(e.occurredAt()).isEqualTo(NOW);
        });
    }

    @Test
    void classifyingIsNoFactOfItsOwn() {
        long id = newTicket();

        service.classify(id, Topic.BILLING, new Classification(List.of("refund"), "neutral", 0.1, "en"));

        assertThat(published).isEmpty();
    }

    @Test
    void theBotAnsweringPublishesTicketBotAnswered() {
        long id = newTicket();

        service.answerByBot(id, 42);

        assertThat(only(TicketBotAnswered.class).ticket().botArticleId()).isEqualTo(42L);
    }

    @Test
    void theCustomerAcceptingTheBotsAnswerPublishesTicketResolvedByTheBot() {
        long id = newTicket();
        service.answerByBot(id, 42);
        published.clear();

        service.resolveByBot(id);

        assertThat(only(TicketResolved.class).ticket().resolvedBy()).isEqualTo(Resolver.BOT);
    }

    @Test
    void routingPublishesTicketRoutedWithQueueAndPriority() {
        long id = newTicket();

        service.route(id, t -> new Placement("billing_team", Priority.HIGH));

        TicketView routed = only(TicketRouted.class).ticket();
        assertThat(told).as("a ticket that starts waiting is told its place").singleElement()
                .satisfies(p -> assertThat(p.position()).isEqualTo(1));
        assertThat(routed.status()).isEqualTo(TicketStatus.QUEUED);
        assertThat(routed.queue()).isEqualTo("billing_team");
        assertThat(routed.priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void aTicketOfAChannelThatIsNotToldItsPlaceIsNotCountedWhenItStartsWaiting() {
        long id = service.open(8, "c-8", CustomerTier.STANDARD, 10, Channel.EMAIL, null).id();
        published.clear();

        service.route(id, t -> new Placement("billing_team", Priority.NORMAL));

        assertThat(only(TicketRouted.class).ticket().status()).isEqualTo(TicketStatus.QUEUED);
        assertThat(told).as("kefu.queue.told-channels is WEB: e-mail customers are not told").isEmpty();
    }

    @Test
    void claimingPublishesTicketAssignedOnceOnly() {
        long id = routed();

        service.assign(id, "agent.li");
        assertThat(only(TicketAssigned.class).ticket().assignee()).isEqualTo("agent.li");

        published.clear();
        service.assign(id, "agent.li");
        assertThat(published).as("claiming one's own ticket again").isEmpty();
    }

    @Test
    void givingTheTicketBackPublishesTicketUnassignedOnlyWhenItWasAssigned() {
        long id = routed();
        service.release(id);
        assertThat(published).as("released while not assigned").isEmpty();

        service.assign(id, "agent.li");
        published.clear();
        service.release(id);

        TicketView released = only(TicketUnassigned.class).ticket();
        assertThat(released.assignee()).isNull();
        assertThat(released.status()).isEqualTo(TicketStatus.QUEUED);
    }

    @Test
    void resolvingPublishesTicketResolvedByAnAgent() {
        long id = routed();
        service.assign(id, "agent.li");
        published.clear();

        service.resolve(id);

        assertThat(only(TicketResolved.class).ticket().resolvedBy()).isEqualTo(Resolver.AGENT);
    }

    @Test
    void aReplyToAResolvedTicketPublishesTicketReopened() {
        long id = resolved();

        service.reopen(id);

        TicketView reopened = only(TicketReopened.class).ticket();
        assertThat(reopened.status()).isEqualTo(TicketStatus.NEW);
        assertThat(reopened.reopenCount()).isEqualTo(1);
    }

    @Test
    void theCustomerLeavingWhileWaitingPublishesTicketAbandonedAndClosesIt() {
        long id = routed();

        service.abandon(id);

        TicketView abandoned = only(TicketAbandoned.class).ticket();
        assertThat(abandoned.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(abandoned.abandonedAt()).isEqualTo(NOW);
        assertThat(abandoned.closedAt()).isEqualTo(NOW);
    }

    @Test
    void onlyAWaitingTicketCanBeAbandoned() {
        long id = routed();
        service.assign(id, "agent.li");
        published.clear();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.abandon(id))
                .isInstanceOf(IllegalTicketStateException.class);
        assertThat(published).isEmpty();
    }

    @Test
    void theSkillsTimeoutIsNoFactOfItsOwn() {
        long id = routed();

        TicketView opened = service.openToWholeQueue(id);

        assertThat(opened.skillsTimedOutAt()).isEqualTo(NOW);
        assertThat(published).isEmpty();
    }

    @Test
    void closingPublishesTicketClosed() {
        long id = resolved();

        service.close(id);

        assertThat(only(TicketClosed.class).ticket().status()).isEqualTo(TicketStatus.CLOSED);
    }

    @Test
    void soothingAWaitingCustomerPublishesTicketCustomerSoothedWithItsVariantAndKeepsTheTicketQueued() {
        long id = routed();

        service.sootheCustomer(id, "reassure", 77);

        TicketCustomerSoothed soothed = only(TicketCustomerSoothed.class);
        assertThat(soothed.variant()).isEqualTo("reassure");
        assertThat(soothed.messageId()).isEqualTo(77);
        assertThat(soothed.ticket().status()).isEqualTo(TicketStatus.QUEUED);
    }

    @Test
    void aTicketThatIsNotWaitingIsNotSoothed() {
        long id = resolved();

        assertThatThrownBy(() -> service.sootheCustomer(id, "reassure", 77))
                .isInstanceOf(IllegalTicketStateException.class);

        assertThat(published).isEmpty();
    }

    @Test
    void aCustomerMessageOnAnOpenTicketIsNoFact() {
        long id = routed();

        service.noteCustomerMessage(id);

        assertThat(published).isEmpty();
    }

    @Test
    void aRefusedIntentPublishesNothing() {
        long id = newTicket();

        assertThatThrownBy(() -> service.close(id)).isInstanceOf(IllegalTicketStateException.class);

        assertThat(published).isEmpty();
    }

    private TicketView open() {
        return service.open(7, "c-7", CustomerTier.STANDARD, 9, Channel.WEB, null);
    }

    /** A ticket just opened, its opening already published. */
    private long newTicket() {
        long id = open().id();
        published.clear();
        return id;
    }

    private long routed() {
        long id = newTicket();
        service.route(id, t -> new Placement("general", Priority.NORMAL));
        published.clear();
        return id;
    }

    private long resolved() {
        long id = routed();
        service.resolve(id);
        published.clear();
        return id;
    }

    /** The one event published since the last clear, which must be a {@code type}. */
    private <T extends TicketChanged> T only(Class<T> type) {
        assertThat(published).singleElement().isInstanceOf(type);
        T fact = type.cast(published.get(0));
        assertThat(fact.occurredAt()).isEqualTo(NOW);
        return fact;
    }

    /** Keeps tickets in a map; enough for the service's load, change and store. */
    static final class InMemoryTickets extends TicketRepository {

        private final Map<Long, Ticket> stored = new HashMap<>();

        InMemoryTickets() {
            super(null);
        }

        @Override
        Optional<Ticket> findById(long id) {
            return Optional.ofNullable(stored.get(id));
        }

        @Override
        long insert(Ticket ticket) {
            long id = stored.size() + 1L;
            Ticket withId = ticket.opened(id);
            withId.drainEvents(); // the service publishes the opening from its own copy
            stored.put(id, withId);
            return id;
        }

        @Override
        void update(Ticket ticket) {
            stored.put(ticket.id(), ticket);
        }

        /** Each ticket alone in its queue. */
        @Override
        long waitingAhead(Ticket ticket) {
            return 0;
        }

        @Override
        long waitingAhead(Ticket ticket, int limit) {
            return 0;
        }

        @Override
        long assignedSince(String queue, Instant since) {
            return 0;
        }

        @Override
        void tellPosition(long ticketId, String queue, int position) {
        }

        @Override
        void forgetPosition(long ticketId) {
        }
    }
}
