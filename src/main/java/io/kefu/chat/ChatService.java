package io.kefu.chat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;

import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Message;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeResult;
import io.kefu.intake.IntakeService;
import io.kefu.security.TicketAccesses;
import io.kefu.ticket.Channel;
import io.kefu.ticket.IllegalTicketStateException;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.TicketView;

/**
 * What visitors and agents do over their live connections: a visitor's message goes through
 * {@link IntakeService} like the REST channel's (so bot, triage, routing and the outbox treat it
 * alike) and is stored once per client message id; a resume hands back what the client missed
 * and how far the conversation was received and read; typing is passed to the other side as it
 * comes (not stored); receipts are stored ({@link ChatReceipts}) and passed on when they move.
 */
@Service
class ChatService {

    static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Set<String> RECEIPTS = Set.of("delivered", "read");

    private final IntakeService intake;
    private final ConversationService conversations;
    private final TicketService tickets;
    private final ChatLimits limits;
    private final ChatConnections connections;
    private final SimpMessagingTemplate messaging;
    private final ChatProperties properties;
    private final AttachmentService attachments;
    private final ChatReceipts receipts;
    private final VisitorService visitors;

    ChatService(IntakeService intake, ConversationService conversations, TicketService tickets, ChatLimits limits,
            ChatConnections connections, SimpMessagingTemplate messaging, ChatProperties properties,
            AttachmentService attachments, ChatReceipts receipts, VisitorService visitors) {
        this.attachments = attachments;
        this.receipts = receipts;
        this.visitors = visitors;
        this.intake = intake;
        this.conversations = conversations;
        this.tickets = tickets;
        this.limits = limits;
        this.connections = connections;
        this.messaging = messaging;
        this.properties = properties;
    }

    /** The visitor's message, stored once per client message id; the answer is its ack (seq, id). */
    ChatEvent send(VisitorPrincipal visitor, String clientMessageId, String text) {
        if (clientMessageId == null || !CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
            throw new ChatRefusedException("bad_request", "clientMessageId must be 1 to 64 characters of A-Z a-z 0-9 _ . : -");
        }
        if (text == null || text.isBlank()) {
            throw new ChatRefusedException("bad_request", "text must not be blank");
        }
        limits.message(visitor.visitor().id(), visitor.address());
        visitors.requirePreChatAnswered(visitor.visitor());
        IntakeResult stored = intake.receive(new InboundMessage(Channel.WEB, visitor.visitor().customerExternalId(), text,
                null, clientMessageId));
        Message message = conversations.find(stored.messageId()).orElseThrow();
        return ChatEvent.ack(message, connections.agentsOnline());
    }

    /** What leaving answers: the ticket that was waiting and was closed as abandoned, or none. */
    record Left(Long ticketId, boolean abandoned) {
    }

    /**
     * The visitor leaves while their ticket waits for an agent: it is closed as abandoned (as
     * <code>POST /api/tickets/{id}/abandon</code> does). A ticket that does not wait (the bot's, or one an
     * agent works) is left as it is: the customer may still get an answer there.
     */
    Left leave(Visitor visitor) {
        Optional<TicketView> open = tickets.findOpenForCustomer(visitor.customerId());
        if (open.isEmpty() || open.get().status() != TicketStatus.QUEUED) {
            return new Left(open.map(TicketView::id).orElse(null), false);
        }
        try {
            intake.customerLeft(open.get().id());
            return new Left(open.get().id(), true);
        } catch (IllegalTicketStateException raced) {
            // Assigned (or answered) in the same moment: it no longer waits, so nothing is abandoned.
            return new Left(open.get().id(), false);
        }
    }

    /** The visitor's messages after {@code lastSeq} (0: all, the history), in order, a batch at a time. */
    ChatEvent resume(VisitorPrincipal visitor, long lastSeq) {
        if (lastSeq < 0) {
            throw new ChatRefusedException("bad_request", "lastSeq must be 0 or more");
        }
        int batch = properties.resumeBatch();
        List<Message> missed = conversations.ofCustomerAfter(visitor.visitor().customerId(), lastSeq, batch + 1);
        boolean more = missed.size() > batch;
        List<Message> shown = missed.stream().limit(batch).toList();
        var files = attachments.of(shown.stream().map(Message::id).toList());
        List<ChatEvent> events = shown.stream().map(m -> ChatEvent.message(m, files.getOrDefault(m.id(), List.of())))
                .toList();
        return ChatEvent.resume(events, more, connections.agentsOnline(), receipts.of(visitor.visitor().customerId()));
    }

    void visitorTyping(VisitorPrincipal visitor, boolean typing) {
        limits.message(visitor.visitor().id(), visitor.address());
        tickets.findOpenForCustomer(visitor.visitor().customerId()).ifPresent(ticket -> messaging
                .convertAndSend(ChatPush.ticketTopic(ticket.id()), ChatEvent.typing("customer", ticket.id(), typing)));
    }

    void visitorReceipt(VisitorPrincipal visitor, long seq, String status) {
        if (status == null || !RECEIPTS.contains(status)) {
            throw new ChatRefusedException("bad_request", "status must be delivered or read");
        }
        limits.message(visitor.visitor().id(), visitor.address());
        long customerId = visitor.visitor().customerId();
        if (!receipts.customer(customerId, seq, "read".equals(status))) {
            return;
        }
        tickets.findOpenForCustomer(customerId).ifPresent(ticket -> messaging
                .convertAndSend(ChatPush.ticketTopic(ticket.id()), ChatEvent.receipt("customer", ticket.id(), seq, status)));
    }

    /**
     * The agent types in a ticket they may see: the customer's widget shows it, and so does the
     * page of every colleague on the ticket (so two agents do not answer at once).
     */
    void agentTyping(Authentication agent, long ticketId, boolean typing) {
        TicketView ticket = tickets.get(ticketId, TicketAccesses.of(agent));
        messaging.convertAndSendToUser(Visitor.userName(ticket.customerId()), ChatPush.CUSTOMER_QUEUE,
                ChatEvent.typing("agent", ticketId, typing));
        messaging.convertAndSend(ChatPush.ticketTopic(ticketId),
                ChatEvent.colleague(ticketId, agent.getName(), typing ? "typing" : "viewing"));
    }

    /**
     * A staff member has a ticket's page open (the page says so again every 15 seconds) or
     * left it: told to the others on the page. Nothing is kept: each page keeps who it heard from
     * lately, so the picture is the same on every node behind a shared broker.
     */
    void agentViewing(Authentication agent, long ticketId, boolean viewing) {
        tickets.get(ticketId, TicketAccesses.of(agent));
        messaging.convertAndSend(ChatPush.ticketTopic(ticketId),
                ChatEvent.colleague(ticketId, agent.getName(), viewing ? "viewing" : "left"));
    }

    /** The agent read the customer's messages up to {@code seq}: stored, and shown in the widget when it moved. */
    void agentRead(Authentication agent, long ticketId, long seq) {
        TicketView ticket = tickets.get(ticketId, TicketAccesses.of(agent));
        if (!receipts.agent(ticket.customerId(), seq)) {
            return;
        }
        messaging.convertAndSendToUser(Visitor.userName(ticket.customerId()), ChatPush.CUSTOMER_QUEUE,
                ChatEvent.receipt("agent", ticketId, seq, "read"));
    }
}
