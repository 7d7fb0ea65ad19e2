package io.kefu.intake;

import java.net.URI;
import java.util.Arrays;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.kefu.customer.ExternalId;
import io.kefu.security.CustomerAddressed;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketView;
import io.kefu.ticket.Topic;

import static org.springframework.http.HttpStatus.BAD_REQUEST;

/** The REST channel: apps and back-office systems post customer messages here. */
@RestController
class MessageController {

    private final IntakeService intake;

    MessageController(IntakeService intake) {
        this.intake = intake;
    }

    /**
     * Takes in a customer's message, on their open ticket or a new one.
     * The body is <code>{channel, customerExternalId, text, topic}</code> ({@code topic} optional); answers 201
     * with <code>{ticketId, conversationId, messageId, newTicket, followUpOf}</code>, a new ticket only when the
     * customer has none open; {@code followUpOf} names their last ticket when it closed within
     * {@code kefu.follow-up.link-within} and the new one is linked to it as its follow-up. 400 on an unknown channel or topic or a blank text, 404 for an unknown customer, 413
     * for a text over the length limit (10,000 characters by default); nothing is stored on any error.
     * Supervisors, admins and tokens with {@code messages:write}.
     */
    @PostMapping("/api/messages")
    ResponseEntity<IntakeResult> post(@Valid @RequestBody PostMessage request) {
        Channel channel = Channel.parse(request.channel()).orElseThrow(() -> new ResponseStatusException(
                BAD_REQUEST, "channel must be one of " + Arrays.toString(Channel.values())));
        if (request.text().isBlank()) {
            throw new ResponseStatusException(BAD_REQUEST, "text must not be blank");
        }
        Topic topic = null;
        if (request.topic() != null && !request.topic().isBlank()) {
            if (!Topic.isKnown(request.topic())) {
                throw new ResponseStatusException(BAD_REQUEST, "topic must be one of " + Arrays.toString(Topic.values()));
            }
            topic = Topic.fromLabel(request.topic());
        }
        IntakeResult result = intake.receive(
                new InboundMessage(channel, request.customerExternalId(), request.text(), topic));
        return ResponseEntity.created(URI.create("/api/tickets/" + result.ticketId())).body(result);
    }

    /**
     * The channel's "did this solve it?" buttons under a bot answer: {@code solved=true} resolves
     * the ticket by the bot, {@code false} hands it to an agent. 409 when the bot is not waiting.
     */
    @PostMapping("/api/tickets/{ticketId}/bot-feedback")
    TicketView botFeedback(@PathVariable long ticketId, @Valid @RequestBody BotFeedback request) {
        return intake.botFeedback(ticketId, request.solved());
    }

    /**
     * The channel reports that the customer left while waiting for an agent (closed the chat, hung
     * up): the ticket stops waiting and is closed as abandoned. 409 unless it is waiting (QUEUED).
     */
    @PostMapping("/api/tickets/{ticketId}/abandon")
    TicketView abandon(@PathVariable long ticketId) {
        return intake.customerLeft(ticketId);
    }

    record BotFeedback(@NotNull Boolean solved) {
    }

    /** Text length is checked by intake (413), not here, so an oversize message is told apart from a bad one. */
    record PostMessage(
            @NotBlank String channel,
            @ExternalId String customerExternalId,
            @NotNull String text,
            String topic) implements CustomerAddressed {
    }
}
