package io.kefu.chat;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.kefu.conversation.Message;

/**
 * The widget's attachments: uploads with the visitor token (the type is detected from the bytes;
 * 413 too large, 415 a refused type, as problem JSON) and reads of its own conversation's files
 * (another's reads like a missing one, 404).
 */
@RestController
class VisitorAttachmentController {

    private final AttachmentService attachments;
    private final VisitorService visitors;
    private final ChatChannels channels;
    private final ChatLimits limits;

    VisitorAttachmentController(AttachmentService attachments, VisitorService visitors, ChatChannels channels,
            ChatLimits limits) {
        this.attachments = attachments;
        this.visitors = visitors;
        this.channels = channels;
        this.limits = limits;
    }

    /** The widget's upload: 201 with the message's ack; 413 too large, 415 a refused type. */
    @PostMapping("/chat/api/attachments")
    ResponseEntity<ChatEvent> upload(@RequestHeader(name = ChatApiController.VISITOR_TOKEN_HEADER, required = false)
            String token, @RequestParam("file") MultipartFile file, @RequestParam("clientMessageId") String clientMessageId,
            @RequestParam(name = "text", required = false) String text, HttpServletRequest request) throws IOException {
        Visitor visitor = visitors.resolve(token).orElseThrow(VisitorTokenRejectedException::new);
        channels.checkOrigin(channels.require(visitor.channelKey()), new ServletServerHttpRequest(request));
        if (!ChatService.CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
            throw new ChatRefusedException("bad_request", "clientMessageId must be 1 to 64 characters of A-Z a-z 0-9 _ . : -");
        }
        limits.message(visitor.id(), request.getRemoteAddr());
        visitors.requirePreChatAnswered(visitor);
        Message message = attachments.fromCustomer(visitor, clientMessageId, file.getOriginalFilename(), file.getBytes(),
                text);
        return ResponseEntity.status(HttpStatus.CREATED).body(ChatEvent.ack(message, true));
    }

    /** A file of the visitor's own conversation ({@code visitorToken} as a parameter, so an {@code <img>} can show it). */
    @GetMapping("/chat/api/attachments/{id}")
    ResponseEntity<byte[]> visitorRead(@PathVariable long id, @RequestParam(name = "visitorToken", required = false)
            String token, @RequestHeader(name = ChatApiController.VISITOR_TOKEN_HEADER, required = false) String header,
            @RequestParam(name = "thumbnail", defaultValue = "false") boolean thumbnail) {
        Visitor visitor = visitors.resolve(header != null ? header : token).orElseThrow(VisitorTokenRejectedException::new);
        AttachmentService.Stored stored = attachments.find(id).filter(s -> s.customerId() == visitor.customerId())
                .orElseThrow(() -> new AttachmentNotFoundException(id));
        return AttachmentResponses.serve(attachments, stored, thumbnail);
    }
}
