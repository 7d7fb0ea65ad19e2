package io.kefu.workspace;

import java.time.Instant;

import io.kefu.conversation.Message;
import io.kefu.ticket.TicketNote;

/**
 * One line of the ticket page's transcript: a message of the conversation, or an agent's internal
 * note ({@code internal}, never sent to the customer).
 *
 * @param direction {@code inbound}, {@code outbound} or {@code internal}: the line's CSS class
 * @param seq       the message's sequence number (live updates skip what is shown); null for a note
 * @param messageId the message's id (its attachments); null for a note
 * @param channel   the channel the message came in on or went out on (its badge); null for a note
 */
public record TranscriptEntry(String direction, boolean internal, String author, String body, Instant createdAt,
        Long seq, Long messageId, String channel) {

    /** The message's id, as the attachments are keyed; null for a note. */
    public Long id() {
        return messageId;
    }

    static TranscriptEntry of(Message m) {
        return new TranscriptEntry(m.direction().name().toLowerCase(java.util.Locale.ROOT), false, m.author(), m.body(),
                m.createdAt(), m.seq(), m.id(), m.channel());
    }

    static TranscriptEntry of(TicketNote n) {
        return new TranscriptEntry("internal", true, n.author(), n.text(), n.createdAt(), null, null, null);
    }
}
