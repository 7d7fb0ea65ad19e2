package io.kefu.chat;

import java.time.Instant;
import java.util.List;

import io.kefu.conversation.Direction;
import io.kefu.conversation.Message;

/**
 * One frame body of the wire protocol (docs/CHANNELS.md), from Kefu to a widget or an agent.
 * {@code type} says which fields are set; absent ones are left out of the JSON.
 *
 * @param type            {@code message}, {@code ack}, {@code resume}, {@code typing}, {@code receipt},
 *                        {@code notice}, {@code task}, {@code agent}, {@code colleague}, {@code escalation},
 *                        {@code follow_up}, {@code error}
 * @param seq             a message's sequence number (message, ack, receipt)
 * @param messageId       a message's id
 * @param ticketId        the ticket a message belongs to
 * @param author          {@code customer}, {@code agent} or {@code bot} (message); who types (typing)
 * @param authorName      the agent's name; the staff member's user id (colleague)
 * @param text            the message, or the notice's text
 * @param clientMessageId the id the customer's client gave the message (message, ack, error)
 * @param createdAt       when a message was stored
 * @param typing          typing started (true) or stopped (false)
 * @param status          {@code delivered} or {@code read} (receipt); the ticket's status (task);
 *                        {@code viewing}, {@code typing} or {@code left} (colleague)
 * @param code            the error or notice code
 * @param messages        the messages a resume sends, in order
 * @param more            whether a resume left messages for the next one; (notice {@code queue_position})
 *                        that more customers are ahead than {@code position - 1}, counted no further
 * @param agentsOnline    whether an agent holds a live workspace connection (ack, resume, notice)
 * @param queue           a task's queue
 * @param assignee        a task's agent; the agent whose presence or profile changed (agent)
 * @param attachments     a message's files (message)
 * @param position        the ticket's place in its queue, 1 = served next (notice {@code queue_position})
 * @param estimatedWaitSeconds the estimated wait (notice {@code queue_position}); absent when unknown
 * @param receipts        how far the conversation was received and read (resume): the customer's
 *                        {@code deliveredSeq} and {@code readSeq}, the agents' {@code agentReadSeq}
 */
public record ChatEvent(String type, Long seq, Long messageId, Long ticketId, String author, String authorName,
        String text, String clientMessageId, Instant createdAt, Boolean typing, String status, String code,
        List<ChatEvent> messages, Boolean more, Boolean agentsOnline, String queue, String assignee,
        List<Attachment> attachments, Integer position, Long estimatedWaitSeconds, ChatReceipts.Receipts receipts) {

    static final String BOT_AUTHOR = "bot";

    static ChatEvent message(Message m) {
        return message(m, List.of());
    }

    static ChatEvent message(Message m, List<Attachment> attachments) {
        String author = m.direction() == Direction.INBOUND ? "customer" : BOT_AUTHOR.equals(m.author()) ? "bot" : "agent";
        return new ChatEvent("message", m.seq(), m.id(), m.ticketId(), author,
                "agent".equals(author) ? displayName(m.author()) : null, m.body(), m.clientMessageId(), m.createdAt(),
                null, null, null, null, null, null, null, null, attachments.isEmpty() ? null : attachments, null, null, null);
    }

    static ChatEvent ack(Message m, boolean agentsOnline) {
        return new ChatEvent("ack", m.seq(), m.id(), m.ticketId(), null, null, null, m.clientMessageId(), m.createdAt(),
                null, null, null, null, null, agentsOnline, null, null, null, null, null, null);
    }

    static ChatEvent resume(List<ChatEvent> messages, boolean more, boolean agentsOnline,
            ChatReceipts.Receipts receipts) {
        return new ChatEvent("resume", null, null, null, null, null, null, null, null, null, null, null, messages, more,
                agentsOnline, null, null, null, null, null, receipts);
    }

    static ChatEvent typing(String who, Long ticketId, boolean typing) {
        return new ChatEvent("typing", null, null, ticketId, who, null, null, null, null, typing, null, null, null, null,
                null, null, null, null, null, null, null);
    }

    /**
     * For the others on a ticket's page (collision detection): a staff member has the page open
     * ({@code viewing}, repeated while it stays open), types a reply ({@code typing}) or left it.
     */
    static ChatEvent colleague(long ticketId, String userId, String status) {
        return new ChatEvent("colleague", null, null, ticketId, "agent", userId, null, null, null, null, status, null,
                null, null, null, null, null, null, null, null, null);
    }

    static ChatEvent receipt(String by, Long ticketId, long seq, String status) {
        return new ChatEvent("receipt", seq, null, ticketId, by, null, null, null, null, null, status, null, null, null,
                null, null, null, null, null, null, null);
    }

    static ChatEvent notice(String code, boolean agentsOnline) {
        return new ChatEvent("notice", null, null, null, null, null, null, null, null, null, null, code, null, null,
                agentsOnline, null, null, null, null, null, null);
    }

    /** The customer's place in the queue and the estimated wait, with the text to show. */
    static ChatEvent queuePosition(long ticketId, int position, boolean atLeast, Long estimatedWaitSeconds, String text) {
        return new ChatEvent("notice", null, null, ticketId, null, null, text, null, null, null, null, "queue_position",
                null, atLeast ? Boolean.TRUE : null, null, null, null, null, position, estimatedWaitSeconds, null);
    }

    static ChatEvent task(long ticketId, String status, String queue, String assignee) {
        return new ChatEvent("task", null, null, ticketId, null, null, null, null, null, null, status, null, null, null,
                null, queue, assignee, null, null, null, null);
    }

    /** An agent's presence or profile changed ({@code status}: their presence now), for supervisors' consoles. */
    static ChatEvent agent(String userId, String presence) {
        return new ChatEvent("agent", null, null, null, null, null, null, null, null, null, presence, null, null, null,
                null, null, userId, null, null, null, null);
    }

    /**
     * A ticket climbed the escalation ladder to a group the receiver is in: {@code status} carries
     * the level's name ({@code team-lead}), {@code queue} its group, {@code code} the reason
     * ({@code FIRST_RESPONSE_DUE}, {@code STILL_UNANSWERED}, {@code RULES}), {@code position} the level.
     */
    static ChatEvent escalation(long ticketId, int level, String levelName, String group, String reason,
            Instant at) {
        return new ChatEvent("escalation", null, null, ticketId, null, null, null, null, at, null, levelName, reason,
                null, null, null, group, null, null, level, null, null);
    }

    /** The follow-up time of the receiver's wait for the customer on this ticket came without an answer. */
    static ChatEvent followUp(long ticketId, Instant at) {
        return new ChatEvent("follow_up", null, null, ticketId, null, null, null, null, at, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    static ChatEvent error(String code, String detail, String clientMessageId) {
        return new ChatEvent("error", null, null, null, null, null, detail, clientMessageId, null, null, null, code, null,
                null, null, null, null, null, null, null, null);
    }

    /** What a customer sees of an agent's user id: the part before an e-mail address's {@code @}. */
    private static String displayName(String userId) {
        int at = userId.indexOf('@');
        return at > 0 ? userId.substring(0, at) : userId;
    }
}
