package io.kefu.chat;

import java.io.IOException;
import java.net.URI;
import java.util.Arrays;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.kefu.conversation.Message;
import io.kefu.customer.ExternalId;
import io.kefu.intake.IntakeResult;
import io.kefu.security.CustomerMessageRate;
import io.kefu.ticket.Channel;

/**
 * The REST channel with a file: {@code POST /api/messages} as {@code multipart/form-data}
 * ({@code channel}, {@code customerExternalId}, {@code file}, optional {@code text} and
 * {@code clientMessageId}). The same roles, token scope and rate limits as the JSON call; the file
 * is checked as the widget's are (415 by content, 413 by size). The whole request is bounded by
 * {@code kefu.api.max-request-bytes} (1 MiB) like every {@code /api} body.
 */
@RestController
class RestAttachmentController {

    private final AttachmentService attachments;
    private final CustomerMessageRate rate;

    RestAttachmentController(AttachmentService attachments, CustomerMessageRate rate) {
        this.attachments = attachments;
        this.rate = rate;
    }

    @PostMapping(path = "/api/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<IntakeResult> post(@RequestParam("channel") String channelName,
            @RequestParam("customerExternalId") String customerExternalId, @RequestParam("file") MultipartFile file,
            @RequestParam(name = "text", required = false) String text,
            @RequestParam(name = "clientMessageId", required = false) String clientMessageId) throws IOException {
        Channel channel = Channel.parse(channelName).orElseThrow(() -> new ChatRefusedException("bad_request",
                "channel must be one of " + Arrays.toString(Channel.values())));
        if (!ExternalId.PATTERN.matcher(customerExternalId).matches()) {
            throw new ChatRefusedException("bad_request", "customerExternalId " + ExternalId.RULE);
        }
        if (clientMessageId != null && !ChatService.CLIENT_MESSAGE_ID.matcher(clientMessageId).matches()) {
            throw new ChatRefusedException("bad_request", "clientMessageId must be 1 to 64 characters of A-Z a-z 0-9 _ . : -");
        }
        rate.check(customerExternalId);
        Message message = attachments.fromChannel(channel, customerExternalId, clientMessageId, file.getOriginalFilename(),
                file.getBytes(), text);
        return ResponseEntity.created(URI.create("/api/tickets/" + message.ticketId()))
                .body(IntakeResult.onOpenTicket(message.ticketId(), message.conversationId(), message.id()));
    }
}
