package io.kefu.mail;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.kefu.conversation.Message;

/**
 * What triage and the bot's knowledge-base search should read of a customer's e-mail: its new
 * part, with the quoted earlier messages and the signature trimmed ({@link MailText#newPart}), kept
 * with the message's {@code mail_message} row when it differs from the text the transcript keeps.
 * A reply that quotes an invoice but asks about a late parcel is about the parcel.
 */
@Service
public class MailTriageText {

    private final JdbcClient jdbc;

    MailTriageText(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The trimmed text of the message, when it is an e-mail this channel stored and trimming left
     * something out; empty otherwise (the message's text is what triage reads).
     */
    public Optional<String> of(Message message) {
        if (message.clientMessageId() == null || !message.clientMessageId().startsWith(MailIntake.CLIENT_ID_PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT triage_text FROM mail_message
                 WHERE kefu_message_id = ? AND direction = 'INBOUND' AND triage_text IS NOT NULL""")
                .param(message.id()).query(String.class).optional();
    }
}
