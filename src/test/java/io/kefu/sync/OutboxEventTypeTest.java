package io.kefu.sync;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.kefu.conversation.Direction;
import io.kefu.conversation.Message;
import io.kefu.conversation.MessageAppended;
import io.kefu.ticket.TicketAbandoned;
import io.kefu.ticket.TicketAssigned;
import io.kefu.ticket.TicketBotAnswered;
import io.kefu.ticket.TicketChanged;
import io.kefu.ticket.TicketClosed;
import io.kefu.ticket.TicketCustomerSoothed;
import io.kefu.ticket.TicketPriorityChanged;
import io.kefu.ticket.TicketTransferred;
import io.kefu.ticket.TicketMerged;
import io.kefu.ticket.TicketOpened;
import io.kefu.ticket.TicketReopened;
import io.kefu.ticket.TicketResolved;
import io.kefu.ticket.TicketRouted;
import io.kefu.ticket.TicketSlaBreached;
import io.kefu.ticket.TicketSlaWarning;
import io.kefu.ticket.TicketUnassigned;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox names are a contract with the CRM, the ERP and RabbitMQ consumers: each ticket fact
 * keeps the name it has always had, at schema version 1, and no fact goes without one; messages,
 * notes and customer changes have theirs, and only the customer's event has another aggregate.
 */
class OutboxEventTypeTest {

    @Test
    void eachTicketFactIsStoredUnderItsStableNameAtVersionOne() {
        Map<Class<? extends TicketChanged>, String> expected = Map.ofEntries(
                Map.entry(TicketOpened.class, "ticket.opened"),
                Map.entry(TicketBotAnswered.class, "ticket.bot_answered"),
                Map.entry(TicketRouted.class, "ticket.routed"),
                Map.entry(TicketAssigned.class, "ticket.assigned"),
                Map.entry(TicketUnassigned.class, "ticket.unassigned"),
                Map.entry(TicketResolved.class, "ticket.resolved"),
                Map.entry(TicketReopened.class, "ticket.reopened"),
                Map.entry(TicketClosed.class, "ticket.closed"),
                Map.entry(TicketSlaWarning.class, "ticket.sla_warning"),
                Map.entry(TicketSlaBreached.class, "ticket.sla_breached"),
                Map.entry(TicketAbandoned.class, "ticket.abandoned"),
                Map.entry(TicketCustomerSoothed.class, "ticket.customer_soothed"),
                Map.entry(TicketTransferred.class, "ticket.transferred"),
                Map.entry(TicketPriorityChanged.class, "ticket.priority_changed"),
                Map.entry(TicketMerged.class, "ticket.merged"));

        expected.forEach((record, name) -> {
            OutboxEventType type = OutboxEventType.of(fact(record));
            assertThat(type.typeName()).as(record.getSimpleName()).isEqualTo(name);
            assertThat(type.version()).as(record.getSimpleName()).isEqualTo(1);
        });
        assertThat(TicketChanged.class.getPermittedSubclasses()).as("every ticket fact is named above")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void messagesNotesAndCustomerChangesHaveTheirNamesAtVersionOne() {
        assertThat(OutboxEventType.of(appended(Direction.INBOUND))).isEqualTo(OutboxEventType.MESSAGE_RECEIVED);
        assertThat(OutboxEventType.of(appended(Direction.OUTBOUND))).isEqualTo(OutboxEventType.MESSAGE_SENT);
        Map<OutboxEventType, String> expected = Map.of(
                OutboxEventType.MESSAGE_RECEIVED, "message.received",
                OutboxEventType.MESSAGE_SENT, "message.sent",
                OutboxEventType.NOTE_ADDED, "ticket.note_added",
                OutboxEventType.CUSTOMER_CHANGED, "customer.changed");
        expected.forEach((type, name) -> {
            assertThat(type.typeName()).isEqualTo(name);
            assertThat(type.version()).as(name).isEqualTo(1);
            assertThat(type.payloadIsTicket()).as(name + ": its payload holds named parts").isFalse();
            assertThat(OutboxEventType.named(name)).isEqualTo(type);
        });
        assertThat(OutboxEventType.values()).as("the ticket facts and these four, nothing else")
                .hasSize(TicketChanged.class.getPermittedSubclasses().length + expected.size());
    }

    @Test
    void onlyTheCustomersEventBelongsToTheCustomerAggregate() {
        assertThat(Arrays.stream(OutboxEventType.values()).filter(t -> t.aggregateType().equals("customer")))
                .containsExactly(OutboxEventType.CUSTOMER_CHANGED);
        assertThat(Arrays.stream(OutboxEventType.values()).filter(t -> t != OutboxEventType.CUSTOMER_CHANGED))
                .allMatch(t -> t.aggregateType().equals("ticket"));
        assertThat(Arrays.stream(OutboxEventType.values()).filter(OutboxEventType::payloadIsTicket))
                .allMatch(t -> t.typeName().startsWith("ticket.") && t != OutboxEventType.NOTE_ADDED);
    }

    @Test
    void aNameTheOutboxDoesNotKnowIsRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> OutboxEventType.named("ticket.deleted")).withMessageContaining("ticket.deleted");
    }

    @Test
    void noTwoFactsShareAName() {
        Map<String, Long> names = Arrays.stream(OutboxEventType.values())
                .collect(Collectors.groupingBy(OutboxEventType::typeName, Collectors.counting()));

        assertThat(names.values()).containsOnly(1L);
    }

    private static MessageAppended appended(Direction direction) {
        return new MessageAppended(new Message(1, 2, 3, direction, "someone", "text", Instant.EPOCH, 1L, null), 4, "WEB");
    }

    /** An instance of the record; the outbox type depends on the record's class only. */
    private static TicketChanged fact(Class<? extends TicketChanged> record) {
        try {
            java.lang.reflect.Constructor<?> constructor = record.getDeclaredConstructors()[0];
            Object[] arguments = Arrays.stream(constructor.getParameterTypes())
                    .map(type -> type == Instant.class ? Instant.EPOCH : type == long.class ? (Object) 0L : null)
                    .toArray();
            return (TicketChanged) constructor.newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
