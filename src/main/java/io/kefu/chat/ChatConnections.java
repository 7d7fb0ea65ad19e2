package io.kefu.chat;

import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import io.kefu.security.TicketAccesses;
import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketService;

/**
 * Who is connected and what each connection may do. On CONNECT a visitor's connection presents
 * its visitor token ({@code visitor-token} header; at most
 * {@code kefu.chat.max-connections-per-visitor} at once) and an agent's connection is the
 * signed-in page session. SUBSCRIBE and SEND are authorized frame by frame: a visitor reaches
 * only its own queues and {@code /app/chat.*}; an agent its own queues, {@code /topic/tickets.<id>}
 * of tickets it may see ({@link TicketAccess}), {@code /topic/queues.<queue>} of its queues
 * ({@code /topic/tasks} and {@code /topic/agents} only who sees every ticket), and
 * {@code /app/agent.*}. Nobody sends to a broker destination directly. A refused SUBSCRIBE or
 * SEND is dropped and answered with a {@code forbidden} error event on {@code /user/queue/errors}
 * (the connection stays); a refused CONNECT gets a STOMP ERROR frame and the connection ends. A
 * STOMP frame over {@code kefu.chat.max-frame-bytes} (UTF-8 bytes), in one WebSocket message or
 * spread over several, closes the connection with 1009 before anything reads it. Live agent connections are the presence the
 * widget asks about ({@link #agentsOnline()}); an agent's last one closing sets them OFFLINE after a
 * grace ({@link WorkspacePresence}).
 */
@Component
class ChatConnections implements ChannelInterceptor, WebSocketHandlerDecoratorFactory {

    private static final Logger log = LoggerFactory.getLogger(ChatConnections.class);
    /** Session attribute: bytes of the STOMP frame begun in earlier WebSocket messages and not yet ended. */
    private static final String FRAME_BYTES = ChatConnections.class.getName() + ".frameBytes";
    /** The parts of a WebSocket message the container handed over so far. */
    private static final String PARTS = ChatConnections.class.getName() + ".parts";
    private static final Pattern TICKET_TOPIC = Pattern.compile("/topic/tickets\\.(\\d{1,18})");
    private static final Pattern QUEUE_TOPIC = Pattern.compile("/topic/queues\\.([A-Za-z0-9_.@-]{1,64})");
    private static final Set<String> OWN_QUEUES = Set.of("/user/queue/chat", "/user/queue/errors", ChatPush.ESCALATIONS_QUEUE);

    private final VisitorService visitors;
    private final TicketService tickets;
    private final ChatProperties properties;
    private final Map<String, WebSocketSession> sessions = new ConcurrentHashMap<>();
    private final Map<Long, Set<String>> sessionsOfVisitor = new ConcurrentHashMap<>();
    private final Map<String, Long> visitorOfSession = new ConcurrentHashMap<>();
    private final Map<String, String> agentOfSession = new ConcurrentHashMap<>();

    private final SimpMessagingTemplate messaging;
    private final WorkspacePresence presence;

    ChatConnections(VisitorService visitors, TicketService tickets, ChatProperties properties,
            @Lazy SimpMessagingTemplate messaging, WorkspacePresence presence) {
        this.visitors = visitors;
        this.tickets = tickets;
        this.properties = properties;
        this.messaging = messaging;
        this.presence = presence;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            return message;
        }
        try {
            switch (stomp.getCommand()) {
                case CONNECT, STOMP -> connect(stomp);
                case SUBSCRIBE -> authorizeSubscription(stomp.getUser(), stomp.getDestination());
                case SEND -> authorizeSend(stomp.getUser(), stomp.getDestination());
                default -> {
                }
            }
        } catch (FrameRefused refused) {
            // The frame is dropped; the connection stays and is told why.
            SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
            headers.setSessionId(stomp.getSessionId());
            headers.setLeaveMutable(true);
            messaging.convertAndSendToUser(stomp.getUser().getName(), "/queue/errors",
                    ChatEvent.error("forbidden", refused.getMessage(), null), headers.getMessageHeaders());
            return null;
        }
        return message;
    }

    /** A SUBSCRIBE or SEND this connection may not make. */
    private static final class FrameRefused extends RuntimeException {
        FrameRefused(String message) {
            super(message, null, false, false);
        }
    }

    private void connect(StompHeaderAccessor stomp) {
        Map<String, Object> attributes = stomp.getSessionAttributes();
        String channelKey = attributes == null ? null : (String) attributes.get(ChatHandshake.CHANNEL);
        String sessionId = stomp.getSessionId();
        if (channelKey == null) {
            if (!(stomp.getUser() instanceof Authentication staff) || !staff.isAuthenticated()) {
                throw new MessageDeliveryException("The workspace connection needs a signed-in agent");
            }
            if (agentOfSession.put(sessionId, staff.getName()) == null) {
                presence.opened(staff.getName());
            }
            return;
        }
        Visitor visitor = visitors.resolve(stomp.getFirstNativeHeader("visitor-token"))
                .filter(v -> v.channelKey().equals(channelKey))
                .orElseThrow(() -> new MessageDeliveryException(new VisitorTokenRejectedException().getMessage()));
        Set<String> own = sessionsOfVisitor.computeIfAbsent(visitor.id(), id -> ConcurrentHashMap.newKeySet());
        synchronized (own) {
            if (own.size() >= properties.maxConnectionsPerVisitor()) {
                throw new MessageDeliveryException("This visitor already holds " + own.size()
                        + " connections (kefu.chat.max-connections-per-visitor)");
            }
            own.add(sessionId);
        }
        visitorOfSession.put(sessionId, visitor.id());
        stomp.setUser(new VisitorPrincipal(visitor, (String) attributes.get(ChatHandshake.ADDRESS)));
    }

    private void authorizeSubscription(Principal user, String destination) {
        if (user == null) {
            throw new MessageDeliveryException("Subscribe after CONNECT");
        }
        if (destination == null) {
            throw new FrameRefused("SUBSCRIBE needs a destination");
        }
        if (OWN_QUEUES.contains(destination)) {
            return;
        }
        if (user instanceof Authentication staff) {
            TicketAccess access = TicketAccesses.of(staff);
            Matcher ticket = TICKET_TOPIC.matcher(destination);
            if (ticket.matches() && tickets.find(Long.parseLong(ticket.group(1)), access).isPresent()) {
                return;
            }
            if ((destination.equals(ChatPush.ALL_TASKS) || destination.equals(ChatPush.AGENTS)) && access.everyTicket()) {
                return;
            }
            Matcher queue = QUEUE_TOPIC.matcher(destination);
            if (queue.matches() && (access.everyTicket() || access.queues().contains(queue.group(1)))) {
                return;
            }
        }
        throw new FrameRefused("Not allowed to subscribe to " + destination);
    }

    private void authorizeSend(Principal user, String destination) {
        String allowed = user instanceof VisitorPrincipal ? "/app/chat." : user instanceof Authentication ? "/app/agent." : null;
        if (allowed == null) {
            throw new MessageDeliveryException("Send after CONNECT");
        }
        if (destination == null || !destination.startsWith(allowed)) {
            throw new FrameRefused("Not allowed to send to " + destination);
        }
    }

    /** Whether any agent holds a live workspace connection on this node. */
    boolean agentsOnline() {
        return !agentOfSession.isEmpty();
    }

    /** Live connections of this visitor on this node. */
    int connectionsOf(long visitorId) {
        Set<String> own = sessionsOfVisitor.get(visitorId);
        return own == null ? 0 : own.size();
    }

    @EventListener
    void on(SessionDisconnectEvent disconnected) {
        forget(disconnected.getSessionId());
    }

    /** Closes a revoked visitor's connections once the revocation committed. */
    @TransactionalEventListener
    void on(VisitorRevoked revoked) {
        Set<String> own = sessionsOfVisitor.getOrDefault(revoked.visitorId(), Set.of());
        for (String sessionId : Set.copyOf(own)) {
            WebSocketSession session = sessions.get(sessionId);
            if (session != null) {
                try {
                    session.close(CloseStatus.POLICY_VIOLATION.withReason("visitor token revoked"));
                } catch (IOException e) {
                    log.debug("Closing session {} of revoked visitor {}", sessionId, revoked.visitorId(), e);
                }
            }
        }
    }

    private void forget(String sessionId) {
        sessions.remove(sessionId);
        String agent = agentOfSession.remove(sessionId);
        if (agent != null) {
            presence.closed(agent);
        }
        Long visitorId = visitorOfSession.remove(sessionId);
        if (visitorId != null) {
            sessionsOfVisitor.computeIfPresent(visitorId, (id, own) -> {
                own.remove(sessionId);
                return own.isEmpty() ? null : own;
            });
        }
    }

    /**
     * Whether the message makes a STOMP frame larger than {@code kefu.chat.max-frame-bytes}, in bytes
     * (UTF-8 for text). A client may send one frame in several WebSocket messages (STOMP's decoder
     * buffers the parts): the bytes of the frame begun and not yet ended by its NUL octet are kept
     * with the session, so a frame whose parts are each under the limit counts as a whole. Line ends
     * between frames (heart-beats) belong to no frame; pings and pongs are not STOMP.
     */
    private boolean oversized(WebSocketSession session, WebSocketMessage<?> message) {
        int limit = properties.maxFrameBytes();
        long begun = session.getAttributes().get(FRAME_BYTES) instanceof Long bytes ? bytes : 0L;
        java.nio.ByteBuffer bytes;
        if (message instanceof TextMessage text) {
            String payload = text.getPayload();
            // The common case: one whole frame, under the limit whatever its characters (at most 3
            // bytes each; a surrogate pair takes 4 for 2).
            if (begun == 0 && payload.length() * 3L <= limit && payload.indexOf('\0') == payload.length() - 1) {
                return false;
            }
            bytes = java.nio.ByteBuffer.wrap(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (message instanceof BinaryMessage binary) {
            bytes = binary.getPayload();
        } else {
            return false;
        }
        long frame = begun;
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            byte b = bytes.get(i);
            if (b == 0) {
                if (frame > limit) {
                    return true;
                }
                frame = 0;
            } else if (frame > 0 || (b != '\n' && b != '\r')) {
                frame++;
            }
        }
        session.getAttributes().put(FRAME_BYTES, frame);
        return frame > limit;
    }

    /**
     * The whole message once its last part came (the message itself when it came whole), or null
     * while parts are still coming. A part's text is whole characters: the container decodes
     * UTF-8 into its buffer and never parts a surrogate pair.
     */
    private static WebSocketMessage<?> joined(WebSocketSession session, WebSocketMessage<?> message) {
        Object pending = session.getAttributes().get(PARTS);
        if (message instanceof TextMessage text) {
            if (pending == null && text.isLast()) {
                return text;
            }
            StringBuilder parts = pending instanceof StringBuilder b ? b : new StringBuilder();
            parts.append(text.getPayload());
            if (!text.isLast()) {
                session.getAttributes().put(PARTS, parts);
                return null;
            }
            session.getAttributes().remove(PARTS);
            return new TextMessage(parts.toString());
        }
        if (message instanceof BinaryMessage binary) {
            if (pending == null && binary.isLast()) {
                return binary;
            }
            java.io.ByteArrayOutputStream parts = pending instanceof java.io.ByteArrayOutputStream b ? b
                    : new java.io.ByteArrayOutputStream();
            java.nio.ByteBuffer payload = binary.getPayload().duplicate();
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            parts.writeBytes(bytes);
            if (!binary.isLast()) {
                session.getAttributes().put(PARTS, parts);
                return null;
            }
            session.getAttributes().remove(PARTS);
            return new BinaryMessage(parts.toByteArray());
        }
        return message;
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                sessions.put(session.getId(), session);
                super.afterConnectionEstablished(session);
            }

            @Override
            public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
                if (oversized(session, message)) {
                    // The container counts a text message's characters and closes with 1009 only past
                    // as many characters; STOMP's decoder counts bytes and answers a frame just over
                    // with an ERROR frame and 1002. Checked here, every frame over the limit gets
                    // 1009 and none of it is read.
                    session.getAttributes().remove(PARTS);
                    session.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason(
                            "Frame over " + properties.maxFrameBytes() + " bytes"));
                    return;
                }
                WebSocketMessage<?> whole = joined(session, message);
                if (whole != null) {
                    super.handleMessage(session, whole);
                }
            }

            /**
             * The container hands over a long WebSocket message in parts rather than holding a
             * buffer as large as the largest frame for every connection (Tomcat allocates its
             * message buffers when a connection opens: sized to {@code max-frame-bytes}, they were
             * 200 of the 250 KiB of heap an idle connection held, bench P5). The parts are joined
             * here ({@link #joined}), in memory only while such a message arrives, after
             * {@link #oversized} has counted their bytes, so STOMP sees whole messages as before.
             */
            @Override
            public boolean supportsPartialMessages() {
                return true;
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                try {
                    super.afterConnectionClosed(session, status);
                } finally {
                    forget(session.getId());
                }
            }
        };
    }
}
