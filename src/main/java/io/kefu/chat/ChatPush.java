package io.kefu.chat;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.kefu.agent.AgentPresenceChanged;
import io.kefu.agent.AgentProfileChanged;
import io.kefu.conversation.MessageAppended;
import io.kefu.sla.TicketEscalationRaised;
import io.kefu.ticket.Channel;
import io.kefu.ticket.QueuePositionChanged;
import io.kefu.ticket.TicketChanged;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.TicketView;

/**
 * Pushes what was stored to the live connections once the storing transaction committed (never a
 * message that is rolled back): every message of a conversation — the customer's own (to their
 * other tabs and devices), the bot's answers, agents' replies — to the customer's connections and
 * to agents watching the ticket; every ticket change to the ticket's watchers and its queue's, so
 * task lists update without a reload; a waiting web-chat ticket's place in its queue to the
 * customer's connections, as a {@code queue_position} notice in the ticket's language; a ticket
 * reaching a level of the escalation ladder to every member of that level's group; an agent's
 * presence or profile change to the supervisors' consoles.
 */
@Component
class ChatPush {

    static final String CUSTOMER_QUEUE = "/queue/chat";
    /** Every ticket change, for those who see every ticket (supervisors, admins). */
    static final String ALL_TASKS = "/topic/tasks";
    /** Every agent's presence and profile change, for those who see every ticket (the supervisor console). */
    static final String AGENTS = "/topic/agents";
    /** A staff member's own escalation notices. */
    static final String ESCALATIONS_QUEUE = "/user/queue/escalations";

    private final SimpMessagingTemplate messaging;
    private final AttachmentService attachments;
    private final TicketService tickets;
    private final IdentityService identity;

    ChatPush(SimpMessagingTemplate messaging, AttachmentService attachments, TicketService tickets,
            IdentityService identity) {
        this.messaging = messaging;
        this.attachments = attachments;
        this.tickets = tickets;
        this.identity = identity;
    }

    static String ticketTopic(long ticketId) {
        return "/topic/tickets." + ticketId;
    }

    static String queueTopic(String queue) {
        return "/topic/queues." + queue;
    }

    @TransactionalEventListener
    void on(MessageAppended appended) {
        long id = appended.message().id();
        ChatEvent event = ChatEvent.message(appended.message(), attachments.of(List.of(id)).getOrDefault(id, List.of()));
        messaging.convertAndSendToUser(Visitor.userName(appended.customerId()), CUSTOMER_QUEUE, event);
        messaging.convertAndSend(ticketTopic(appended.message().ticketId()), event);
    }

    @TransactionalEventListener
    void on(TicketChanged changed) {
        TicketView ticket = changed.ticket();
        ChatEvent event = ChatEvent.task(ticket.id(), ticket.status().name(), ticket.queue(), ticket.assignee());
        messaging.convertAndSend(ticketTopic(ticket.id()), event);
        if (ticket.queue() != null) {
            messaging.convertAndSend(queueTopic(ticket.queue()), event);
        }
        messaging.convertAndSend(ALL_TASKS, event);
    }

    @TransactionalEventListener
    void on(AgentPresenceChanged changed) {
        messaging.convertAndSend(AGENTS, ChatEvent.agent(changed.userId(), changed.presence().name()));
    }

    @TransactionalEventListener
    void on(AgentProfileChanged changed) {
        messaging.convertAndSend(AGENTS, ChatEvent.agent(changed.profile().userId(), changed.profile().presence().name()));
    }

    /**
     * Tells every member of the reached level's group, on each of their live workspace pages. The
     * notification itself is stored (<code>GET /api/tickets/{id}/escalations</code>), so nobody who is
     * not connected misses it for good.
     */
    @TransactionalEventListener
    void on(TicketEscalationRaised raised) {
        ChatEvent event = ChatEvent.escalation(raised.ticketId(), raised.level(), raised.levelName(),
                raised.recipient(), raised.reason().name(), raised.occurredAt());
        for (User member : identity.createUserQuery().memberOfGroup(raised.recipient()).list()) {
            messaging.convertAndSendToUser(member.getId(), ESCALATIONS_QUEUE.substring("/user".length()), event);
        }
    }

    /**
     * A wait for the customer ran out: the ticket's agent (or, unassigned, whoever set the wait) is
     * told on their workspace, and pages watching the ticket refresh (its note is new).
     */
    @TransactionalEventListener
    void on(io.kefu.ticket.TicketFollowUpDue due) {
        String agent = due.ticket().assignee() != null ? due.ticket().assignee() : due.followUp().setBy();
        messaging.convertAndSendToUser(agent, ESCALATIONS_QUEUE.substring("/user".length()),
                ChatEvent.followUp(due.ticket().id(), due.occurredAt()));
        messaging.convertAndSend(ticketTopic(due.ticket().id()), ChatEvent.task(due.ticket().id(),
                due.ticket().status().name(), due.ticket().queue(), due.ticket().assignee()));
    }

    /** Tells the widget of a waiting web-chat ticket its place, once the decision that moved the queue committed. */
    @TransactionalEventListener
    void on(QueuePositionChanged changed) {
        if (changed.channel() != Channel.WEB) {
            return;
        }
        tickets.find(changed.ticketId())
                .filter(t -> t.status() == TicketStatus.QUEUED && t.assignee() == null)
                .ifPresent(ticket -> messaging.convertAndSendToUser(Visitor.userName(ticket.customerId()), CUSTOMER_QUEUE,
                        ChatEvent.queuePosition(ticket.id(), changed.position(), changed.atLeast(),
                                changed.estimatedWaitSeconds(), queueText(language(ticket), changed.position(),
                                        changed.atLeast(), changed.estimatedWaitSeconds()))));
    }

    private static String language(TicketView ticket) {
        return ticket.classification() == null ? null : ticket.classification().language();
    }

    /**
     * The notice's text: Chinese unless the ticket's language is English ({@code en…}); the wait is
     * rounded up to whole minutes and left out when unknown. {@code atLeast}: more than
     * {@code position - 1} customers are ahead (the ticket is further back than places are told), and
     * the wait is at least the estimate.
     */
    static String queueText(String language, int position, boolean atLeast, Long estimatedWaitSeconds) {
        int ahead = Math.max(0, position - 1);
        Long minutes = estimatedWaitSeconds == null ? null : Math.max(1, (estimatedWaitSeconds + 59) / 60);
        if (language != null && language.toLowerCase(java.util.Locale.ROOT).startsWith("en")) {
            if (atLeast) {
                String where = "More than " + ahead + " customers ahead of you";
                return minutes == null ? where
                        : where + ", at least " + minutes + (minutes == 1 ? " minute" : " minutes");
            }
            String where = ahead == 0 ? "You are next in line"
                    : ahead + (ahead == 1 ? " customer" : " customers") + " ahead of you";
            return minutes == null ? where : where + ", about " + minutes + (minutes == 1 ? " minute" : " minutes");
        }
        if (atLeast) {
            String where = "您前面还有超过 " + ahead + " 位客户";
            return minutes == null ? where : where + "，预计至少等待 " + minutes + " 分钟";
        }
        String where = ahead == 0 ? "下一位就是您" : "您前面还有 " + ahead + " 位客户";
        return minutes == null ? where : where + "，预计等待约 " + minutes + " 分钟";
    }
}
