package io.kefu.chat;

import java.util.List;

import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.kefu.conversation.MessageAppended;
import io.kefu.ticket.TicketChanged;
import io.kefu.ticket.TicketView;

/**
 * Pushes what was stored to the live connections once the storing transaction committed (never a
 * message that is rolled back): every message of a conversation — the customer's own (to their
 * other tabs and devices), the bot's answers, agents' replies — to the customer's connections and
 * to agents watching the ticket; every ticket change to the ticket's watchers and its queue's, so
 * task lists update without a reload.
 */
@Component
class ChatPush {

    static final String CUSTOMER_QUEUE = "/queue/chat";
    /** Every ticket change, for those who see every ticket (supervisors, admins). */
    static final String ALL_TASKS = "/topic/tasks";

    private final SimpMessagingTemplate messaging;
    private final AttachmentService attachments;

    ChatPush(SimpMessagingTemplate messaging, AttachmentService attachments) {
        this.messaging = messaging;
        this.attachments = attachments;
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
}
