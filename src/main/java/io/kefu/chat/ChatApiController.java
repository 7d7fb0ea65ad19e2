package io.kefu.chat;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;


/**
 * The widget's HTTP calls (no login; the visitor token identifies, the page's origin must be
 * allowed for the channel) and staff's revocation of a visitor token.
 */
@RestController
class ChatApiController {

    /** Header a visitor's HTTP calls carry their token in. */
    static final String VISITOR_TOKEN_HEADER = "X-Kefu-Visitor-Token";

    private final VisitorService visitors;
    private final ChatChannels channels;
    private final ChatLimits limits;
    private final ChatConnections connections;
    private final ChatService chat;

    ChatApiController(VisitorService visitors, ChatChannels channels, ChatLimits limits, ChatConnections connections,
            ChatService chat) {
        this.visitors = visitors;
        this.channels = channels;
        this.limits = limits;
        this.connections = connections;
        this.chat = chat;
    }

    /**
     * Starts a visitor (201 with a new token) or continues one (200 with the token presented).
     * {@code externalId} + {@code userHash} join the customer the host site signed.
     */
    @PostMapping("/chat/api/visitors")
    ResponseEntity<VisitorSession> start(@RequestBody VisitorService.Start start, HttpServletRequest request) {
        ChatChannel channel = channels.require(start.channelKey());
        channels.checkOrigin(channel, new ServletServerHttpRequest(request));
        if (start.visitorToken() == null) {
            limits.newVisitor(request.getRemoteAddr());
        }
        VisitorService.Issued issued = visitors.start(start);
        VisitorSession session = new VisitorSession(issued.token(), issued.visitor().id(),
                issued.visitor().customerExternalId(), issued.visitor().identified(), channel.name(),
                connections.agentsOnline(), visitors.needsPreChat(issued.visitor()));
        boolean continued = issued.token().equals(start.visitorToken());
        return ResponseEntity.status(continued ? HttpStatus.OK : HttpStatus.CREATED).body(session);
    }

    /**
     * The pre-chat form's answer (<code>{name, email}</code>, both required): 204; 400 with the field
     * at fault, and nothing stored, for a blank, too long or malformed one.
     */
    @PostMapping("/chat/api/visitors/current/contact")
    ResponseEntity<Void> contact(@RequestHeader(name = VISITOR_TOKEN_HEADER, required = false) String token,
            @RequestBody(required = false) VisitorService.Contact contact, HttpServletRequest request) {
        Visitor visitor = visitors.resolve(token).orElseThrow(VisitorTokenRejectedException::new);
        channels.checkOrigin(channels.require(visitor.channelKey()), new ServletServerHttpRequest(request));
        limits.message(visitor.id(), request.getRemoteAddr());
        visitors.contact(visitor, contact);
        return ResponseEntity.noContent().build();
    }

    /**
     * The visitor leaves the queue (the widget's "leave" while it shows their place): a ticket waiting
     * for an agent is closed as abandoned, 200 <code>{ticketId, abandoned: true}</code>; otherwise nothing
     * changes, 200 <code>{ticketId, abandoned: false}</code> ({@code ticketId} null without an open ticket).
     */
    @PostMapping("/chat/api/visitors/current/leave")
    ResponseEntity<ChatService.Left> leave(@RequestHeader(name = VISITOR_TOKEN_HEADER, required = false) String token,
            HttpServletRequest request) {
        Visitor visitor = visitors.resolve(token).orElseThrow(VisitorTokenRejectedException::new);
        channels.checkOrigin(channels.require(visitor.channelKey()), new ServletServerHttpRequest(request));
        limits.message(visitor.id(), request.getRemoteAddr());
        return ResponseEntity.ok(chat.leave(visitor));
    }

    /** The visitor ends their chat identity (e.g. signs out of the host site): the token opens nothing any more. */
    @DeleteMapping("/chat/api/visitors/current")
    ResponseEntity<Void> revokeOwn(@RequestHeader(name = VISITOR_TOKEN_HEADER, required = false) String token) {
        Visitor visitor = visitors.resolve(token).orElseThrow(VisitorTokenRejectedException::new);
        visitors.revoke(visitor.id());
        return ResponseEntity.noContent().build();
    }

    /** Staff revoke a visitor token (an abusive visitor): 204, again 204; 404 for none. */
    @DeleteMapping("/api/chat/visitors/{id}")
    ResponseEntity<Void> revoke(@PathVariable long id) {
        if (!visitors.revoke(id)) {
            throw new VisitorNotFoundException(id);
        }
        return ResponseEntity.noContent().build();
    }

    /** No visitor of that id (404). */
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.NOT_FOUND)
    static class VisitorNotFoundException extends RuntimeException {
        VisitorNotFoundException(long id) {
            super("No chat visitor " + id);
        }
    }
}
