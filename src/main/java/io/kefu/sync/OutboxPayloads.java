package io.kefu.sync;

import java.time.Instant;
import java.util.List;

import io.kefu.chat.Attachment;
import io.kefu.conversation.Direction;
import io.kefu.conversation.Message;
import io.kefu.customer.Customer;
import io.kefu.ticket.TicketNote;
import io.kefu.ticket.TicketView;

/**
 * What {@code outbox_event.payload} holds for the events that are not ticket facts: the fields of
 * the body beside the envelope ({@code eventId}, {@code type}, {@code occurredAt}), as described in
 * {@code docs/events/kefu-events-v1.schema.json}. Names follow the API's JSON: a message's
 * {@code direction} is {@code INBOUND} or {@code OUTBOUND} as on {@code GET /api/tickets/{id}/messages},
 * an attachment's {@code name} as there, a customer as on {@code GET /api/customers/{externalId}}.
 */
final class OutboxPayloads {

    private OutboxPayloads() {
    }

    /** {@code message.received}, {@code message.sent}: the ticket as committed and the message. */
    record MessageEvent(TicketView ticket, MessageBody message) {
    }

    /** {@code ticket.note_added}: the ticket and the internal note. */
    record NoteEvent(TicketView ticket, NoteBody note) {
    }

    /** {@code customer.changed}: the customer's profile right after the change. */
    record CustomerEvent(Customer customer) {
    }

    /**
     * A message as back-office systems see it.
     *
     * @param author  the customer's external id (inbound), the agent's user id, or {@code bot}
     * @param channel the channel the message came in on or goes out on ({@code WEB}, {@code WECHAT},
     *                {@code EMAIL}, ...): a customer linked across channels writes on several
     */
    record MessageBody(long id, long conversationId, Direction direction, String author, String channel, String text,
            Instant createdAt, List<AttachmentBody> attachments) {

        static MessageBody of(Message message, String channel, List<Attachment> attachments) {
            return new MessageBody(message.id(), message.conversationId(), message.direction(), message.author(), channel,
                    message.body(), message.createdAt(), attachments.stream().map(AttachmentBody::of).toList());
        }
    }

    /** A file attached to a message; its bytes stay in Kefu (staff open them at {@code /workspace/attachments/{id}}). */
    record AttachmentBody(long id, String name, String contentType, long size) {

        static AttachmentBody of(Attachment attachment) {
            return new AttachmentBody(attachment.id(), attachment.name(), attachment.contentType(), attachment.size());
        }
    }

    /** An internal note: staff and back-office systems see it, the customer never does. */
    record NoteBody(long id, String author, String text, Instant createdAt) {

        static NoteBody of(TicketNote note) {
            return new NoteBody(note.id(), note.author(), note.text(), note.createdAt());
        }
    }
}
