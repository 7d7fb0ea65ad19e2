package io.kefu.chat;

import java.security.Principal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.annotation.MessageExceptionHandler;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.support.MethodArgumentNotValidException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;

import io.kefu.intake.MessageTooLongException;
import io.kefu.ticket.TicketNotFoundException;

/**
 * The STOMP destinations clients send to ({@code /app/…}, docs/CHANNELS.md). Answers (acks,
 * resumes, errors) go to the sending connection only; a bad frame — unreadable JSON, a missing or
 * wrong field, a message too long, too many messages — gets an {@code error} event on
 * {@code /user/queue/errors} and the connection stays.
 */
@Controller
class ChatMessaging {

    private static final Logger log = LoggerFactory.getLogger(ChatMessaging.class);

    private final ChatService chat;
    private final SimpMessagingTemplate messaging;

    ChatMessaging(ChatService chat, SimpMessagingTemplate messaging) {
        this.chat = chat;
        this.messaging = messaging;
    }

    /** <code>{clientMessageId, text}</code>. */
    record Send(String clientMessageId, String text) {
    }

    /** <code>{lastSeq}</code>: the highest sequence number the client has (0 or absent: none). */
    record Resume(Long lastSeq) {
    }

    /** <code>{typing}</code>. */
    record Typing(Boolean typing) {
    }

    /** <code>{seq, status}</code>, status {@code delivered} or {@code read}. */
    record Receipt(Long seq, String status) {
    }

    /** <code>{ticketId, typing}</code>. */
    record AgentTyping(Long ticketId, Boolean typing) {
    }

    /** <code>{ticketId, viewing}</code>: the agent has the ticket's page open (true) or left it (false). */
    record AgentViewing(Long ticketId, Boolean viewing) {
    }

    /** <code>{ticketId, seq}</code>: the agent read the customer's messages up to seq. */
    record AgentRead(Long ticketId, Long seq) {
    }

    @MessageMapping("chat.send")
    void send(@Payload Send send, Principal user, SimpMessageHeaderAccessor headers) {
        VisitorPrincipal visitor = (VisitorPrincipal) user;
        try {
            reply(user, headers, ChatPush.CUSTOMER_QUEUE, chat.send(visitor, send.clientMessageId(), send.text()));
        } catch (RuntimeException e) {
            reply(user, headers, "/queue/errors", error(e, send.clientMessageId()));
        }
    }

    @MessageMapping("chat.resume")
    void resume(@Payload Resume resume, Principal user, SimpMessageHeaderAccessor headers) {
        long lastSeq = resume.lastSeq() == null ? 0 : resume.lastSeq();
        reply(user, headers, ChatPush.CUSTOMER_QUEUE, chat.resume((VisitorPrincipal) user, lastSeq));
    }

    @MessageMapping("chat.typing")
    void typing(@Payload Typing typing, Principal user) {
        chat.visitorTyping((VisitorPrincipal) user, Boolean.TRUE.equals(typing.typing()));
    }

    @MessageMapping("chat.receipt")
    void receipt(@Payload Receipt receipt, Principal user) {
        chat.visitorReceipt((VisitorPrincipal) user, required(receipt.seq(), "seq"), receipt.status());
    }

    @MessageMapping("agent.typing")
    void agentTyping(@Payload AgentTyping typing, Principal user) {
        chat.agentTyping((Authentication) user, required(typing.ticketId(), "ticketId"),
                Boolean.TRUE.equals(typing.typing()));
    }

    @MessageMapping("agent.viewing")
    void agentViewing(@Payload AgentViewing viewing, Principal user) {
        chat.agentViewing((Authentication) user, required(viewing.ticketId(), "ticketId"),
                !Boolean.FALSE.equals(viewing.viewing()));
    }

    @MessageMapping("agent.read")
    void agentRead(@Payload AgentRead read, Principal user) {
        chat.agentRead((Authentication) user, required(read.ticketId(), "ticketId"), required(read.seq(), "seq"));
    }

    @MessageExceptionHandler
    void failed(Exception e, Principal user, SimpMessageHeaderAccessor headers) {
        reply(user, headers, "/queue/errors", error(e, null));
    }

    private void reply(Principal user, SimpMessageHeaderAccessor received, String destination, ChatEvent event) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(received.getSessionId());
        headers.setLeaveMutable(true);
        messaging.convertAndSendToUser(user.getName(), destination, event, headers.getMessageHeaders());
    }

    private static ChatEvent error(Throwable e, String clientMessageId) {
        if (e instanceof ChatRefusedException refused) {
            return ChatEvent.error(refused.code(), refused.getMessage(), clientMessageId);
        }
        if (e instanceof MessageTooLongException) {
            return ChatEvent.error("too_long", e.getMessage(), clientMessageId);
        }
        if (e instanceof TicketNotFoundException) {
            return ChatEvent.error("not_found", e.getMessage(), clientMessageId);
        }
        if (e instanceof MessageConversionException || e instanceof MethodArgumentNotValidException) {
            return ChatEvent.error("bad_request", unreadable(e), clientMessageId);
        }
        log.warn("Chat frame failed", e);
        return ChatEvent.error("server_error", "The frame could not be handled; try again", clientMessageId);
    }

    /** What was wrong with a body, in the client's terms (never a Java class name). */
    private static String unreadable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return "Unknown field '" + unknown.getPropertyName() + "'";
            }
            if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                return "Field '" + mismatch.getPath().get(mismatch.getPath().size() - 1).getFieldName()
                        + "' has the wrong type";
            }
            if (cause instanceof JsonProcessingException) {
                return "The body is not valid JSON";
            }
        }
        return "The body must be a JSON object";
    }

    private static long required(Long value, String field) {
        if (value == null) {
            throw new ChatRefusedException("bad_request", field + " is required");
        }
        return value;
    }
}
