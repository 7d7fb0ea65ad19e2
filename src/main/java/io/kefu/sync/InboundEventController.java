package io.kefu.sync;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * <code>POST /api/integrations/{source}/events</code> (an API token with scope {@code sync:inbound},
 * and the source's HMAC signature): back-office systems change a customer's tier, create a ticket
 * or send a business event into a running ticket. The body is taken as raw bytes, because the
 * signature covers exactly those bytes; see docs/INTEGRATIONS.md "Inbound webhook".
 */
@RestController
class InboundEventController {

    private final InboundEvents inbound;

    InboundEventController(InboundEvents inbound) {
        this.inbound = inbound;
    }

    /**
     * Receives a signed event from a back-office system.
     * The raw JSON body names its {@code type}: {@code customer.tier_changed}, {@code ticket.create},
     * {@code ticket.event} or {@code ticket.note}. Headers {@code X-Kefu-Timestamp} and
     * {@code X-Kefu-Signature} carry the source's HMAC signature, and {@code Idempotency-Key} is required:
     * a repeat gets the stored answer with no second effect. Answers 200, or 201 for a new ticket or a
     * note; 400 naming the field, 401 on a bad signature or timestamp, 404 for an unknown source, customer
     * or ticket, 409 for an event the ticket does not wait for, 422 for a key reused with another body, 429
     * over the rate limit. Only for an API token with scope {@code sync:inbound}; every call is audited.
     */
    @PostMapping(path = "/api/integrations/{source}/events")
    ResponseEntity<String> receive(@PathVariable String source,
            @RequestHeader(name = WebhookSignature.TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = WebhookSignature.SIGNATURE_HEADER, required = false) String signature,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestBody(required = false) byte[] body) {
        InboundEvents.Answer answer = inbound.receive(source, timestamp, signature, idempotencyKey,
                body == null ? new byte[0] : body);
        return ResponseEntity.status(answer.status())
                .contentType(answer.problem() ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.APPLICATION_JSON)
                .body(answer.body());
    }
}
