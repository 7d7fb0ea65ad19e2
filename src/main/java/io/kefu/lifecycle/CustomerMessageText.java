package io.kefu.lifecycle;

import java.util.Map;

import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;

import io.kefu.chat.AttachmentReading;
import io.kefu.chat.MessageImages;
import io.kefu.conversation.Message;
import io.kefu.mail.MailTriageText;

/**
 * The text triage classifies and the bot searches the knowledge base with, for a customer's
 * message: what the customer wrote this time (an e-mail's new part, its quoted earlier messages
 * and signature trimmed, {@link MailTriageText}; else the message's text as the transcript keeps
 * it), followed by the text read in the images attached to it.
 */
@Component
class CustomerMessageText {

    private final MailTriageText mail;
    private final AttachmentReading reading;

    CustomerMessageText(MailTriageText mail, AttachmentReading reading) {
        this.mail = mail;
        this.reading = reading;
    }

    /**
     * @param images the ticket's read images by message id, as {@code Task_ReadImages} handed them
     *               on; null: looked up
     */
    String of(Message message, @Nullable Map<Long, MessageImages> images) {
        String text = mail.of(message).orElse(message.body());
        Map<Long, MessageImages> read = images != null ? images : reading.textsByMessage(message.ticketId());
        MessageImages attached = read.get(message.id());
        return attached == null ? text : attached.joinedWith(text);
    }
}
