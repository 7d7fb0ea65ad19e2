package io.kefu.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.kefu.chat.AttachmentService;
import io.kefu.chat.ChatRefusedException;
import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Message;
import io.kefu.customer.Customer;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.customer.DuplicateCustomerException;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeResult;
import io.kefu.intake.IntakeService;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * Stores one e-mail read from the mailbox: through intake as a message of channel {@code EMAIL}
 * (the customer its address identifies, {@link MailCustomers}; the ticket its thread continues,
 * {@link MailThreading}, else the customer's open ticket or a new one), its files through the
 * attachment store, and a {@code mail_message} row that knows it by Message-ID, all in one
 * transaction. A message this mailbox stored before is stored again never: a poll that stored a
 * message but could not mark it seen reads it again, and nothing changes.
 *
 * <p>Nothing is dropped silently: an automatic message (an auto-reply, a bounce, bulk mail) and one
 * that cannot be read are kept as a row with the reason and logged, on no ticket and unanswered; a
 * file the store refuses (its type, its size) is named in the message's text with the reason; a
 * message longer than intake takes keeps its new part (quotes trimmed), or is cut, and says so.
 */
@Service
class MailIntake {

    private static final Logger log = LoggerFactory.getLogger(MailIntake.class);
    /** How the client message ids of e-mails begin ({@link #clientMessageId}). */
    static final String CLIENT_ID_PREFIX = "mail:";
    /** Refused files named one by one in the message's text; more are counted. */
    private static final int MAX_REFUSALS_NAMED = 10;

    /** What became of a message. */
    enum Outcome {
        /** Stored on a ticket. */
        STORED,
        /** This mailbox had stored it before: nothing changed. */
        DUPLICATE,
        /** An auto-reply, bounce or bulk mail: recorded, no ticket, no answer. */
        AUTOMATIC,
        /** Not a readable e-mail (no sender, broken MIME): recorded with the reason. */
        MALFORMED
    }

    /**
     * @param ticketId  the ticket it is on (STORED, and DUPLICATE of a stored one), or null
     * @param messageId the stored message, or null
     * @param reason    why it is on no ticket, or what was left out of it, or null
     */
    record Result(Outcome outcome, Long ticketId, Long messageId, String reason) {
    }

    private final IntakeService intake;
    private final CustomerService customers;
    private final ConversationService conversations;
    private final TicketService tickets;
    private final AttachmentService attachments;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int maxLength;

    MailIntake(IntakeService intake, CustomerService customers, ConversationService conversations, TicketService tickets,
            AttachmentService attachments, JdbcClient jdbc, TransactionTemplate transaction, Clock clock,
            @Value("${kefu.intake.max-message-length:10000}") int maxLength) {
        this.intake = intake;
        this.customers = customers;
        this.conversations = conversations;
        this.tickets = tickets;
        this.attachments = attachments;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
        this.maxLength = maxLength;
    }

    /**
     * Stores a raw message read from {@code mailbox}. Throws only for a failure worth another try (the
     * database): the route then leaves the message unseen and the next poll reads it again.
     */
    Result receive(String mailbox, byte[] raw) {
        ParsedMail mail;
        try {
            mail = MailParser.parse(raw);
        } catch (MalformedMailException e) {
            log.warn("E-mail in {} is not readable and was left on no ticket: {}", mailbox, e.getMessage());
            return recordIgnored(mailbox, "sha256:" + sha256(raw), null, null, null, Outcome.MALFORMED, e.getMessage());
        }
        String key = dedupeKey(mail.messageId(), raw);
        Optional<Long> known = known(mailbox, key);
        if (known.isPresent()) {
            log.debug("E-mail {} in {} was stored before (row {}): nothing to do", key, mailbox, known.get());
            return new Result(Outcome.DUPLICATE, ticketOfRow(known.get()), null, null);
        }
        if (mail.automaticReason().isPresent()) {
            String reason = mail.automaticReason().get();
            log.info("Automatic e-mail {} from {} opens no ticket and gets no answer: {}", key, mail.fromAddress(), reason);
            return recordIgnored(mailbox, key, mail.messageId(), mail.fromAddress(), mail.subject(), Outcome.AUTOMATIC, reason);
        }
        Customer customer = customerFor(mail);
        try {
            return transaction.execute(status -> store(mailbox, key, mail, customer));
        } catch (DuplicateKeyException concurrent) {
            // Another node (or poll) stored the same message a moment ago; its transaction won.
            log.debug("E-mail {} in {} was stored concurrently: nothing to do", key, mailbox);
            return new Result(Outcome.DUPLICATE, known(mailbox, key).map(this::ticketOfRow).orElse(null), null, null);
        }
    }

    private Result store(String mailbox, String key, ParsedMail mail, Customer customer) {
        Optional<Long> thread = MailThreading.ticketFor(mail, customer.id(), this::ticketOfMessageId,
                ticketId -> tickets.find(ticketId).map(TicketView::customerId));
        List<ParsedMail.MailAttachment> kept = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (ParsedMail.MailAttachment file : mail.attachments()) {
            try {
                attachments.accept(file.bytes());
                kept.add(file);
            } catch (ChatRefusedException e) {
                refused.add(displayName(file) + ": " + e.getMessage());
            }
        }
        Body body = body(mail, kept, refused);
        IntakeResult stored = intake.receive(new InboundMessage(Channel.EMAIL, customer.externalId(), body.text(), null,
                clientMessageId(mailbox, key)), thread.orElse(null), mail.fromAddress());
        Message message = conversations.find(stored.messageId()).orElseThrow();
        if (attachments.of(List.of(message.id())).isEmpty()) {
            for (ParsedMail.MailAttachment file : kept) {
                attachments.attachToInbound(message, file.fileName() == null ? fallbackName(file) : file.fileName(),
                        file.bytes(), stored.newTicket());
            }
        }
        if (customer.email() == null) {
            customers.updateContact(customer.id(), null, mail.fromAddress());
        }
        insertRow(mailbox, key, mail.messageId(), "INBOUND", Outcome.STORED.name(), body.note(), stored.ticketId(),
                message.id(), mail.fromAddress(), mail.subject(), String.join(" ", mail.references()),
                triageText(mail, message.body()));
        log.info("E-mail {} from {} stored as message {} on ticket {}{}", key, mail.fromAddress(), message.id(),
                stored.ticketId(), thread.map(t -> " (thread of ticket " + t + ")").orElse(""));
        return new Result(Outcome.STORED, stored.ticketId(), message.id(), body.note());
    }

    /**
     * The customer the sender's address identifies: the one it was linked to (an agent or the back
     * office linked it, or a merge brought it), else the one registered on their first e-mail.
     */
    private Customer customerFor(ParsedMail mail) {
        Optional<Customer> linked = customers.findByIdentity("EMAIL", mail.fromAddress());
        if (linked.isPresent()) {
            return linked.get();
        }
        String externalId = MailCustomers.externalIdFor(mail.fromAddress());
        Optional<Customer> known = customers.findByExternalId(externalId);
        if (known.isPresent()) {
            return known.get();
        }
        String name = mail.fromName() != null ? mail.fromName() : mail.fromAddress().substring(0, mail.fromAddress().indexOf('@'));
        try {
            return customers.register(externalId, name.length() > 200 ? name.substring(0, 200) : name, CustomerTier.STANDARD);
        } catch (DuplicateCustomerException concurrent) {
            // Their second message, read by another node at the same moment: the same customer.
            return customers.findByExternalId(externalId).orElseThrow();
        }
    }

    /** The message text as the transcript keeps it, and what was left out of it. */
    record Body(String text, String note) {
    }

    private Body body(ParsedMail mail, List<ParsedMail.MailAttachment> kept, List<String> refused) {
        List<String> notes = new ArrayList<>();
        String text = mail.text();
        if (text.isBlank()) {
            text = !mail.subject().isBlank() ? mail.subject()
                    : kept.isEmpty() ? "(an empty e-mail)" : kept.stream().map(MailIntake::displayName).reduce((a, b) -> a + ", " + b).orElseThrow();
        }
        StringBuilder tail = new StringBuilder();
        for (String refusal : refused.subList(0, Math.min(refused.size(), MAX_REFUSALS_NAMED))) {
            tail.append("\n\n[Attachment not kept: ").append(cut(refusal, 300)).append(']');
        }
        if (refused.size() > MAX_REFUSALS_NAMED) {
            tail.append("\n\n[… and ").append(refused.size() - MAX_REFUSALS_NAMED).append(" more attachments not kept]");
        }
        if (!refused.isEmpty()) {
            notes.add(refused.size() + " attachment(s) refused");
        }
        int room = maxLength - length(tail.toString());
        if (length(text) > room) {
            int full = length(text);
            String trimmed = mail.triageText();
            String note = "\n\n[The quoted earlier messages were left out: this e-mail had " + full
                    + " characters, more than the " + maxLength + " a message may have.]";
            if (length(trimmed) + length(note) <= room) {
                text = trimmed + note;
                notes.add("quoted history left out (" + full + " characters)");
            } else {
                String cut = "\n\n[Cut here: this e-mail had " + full + " characters, more than the " + maxLength
                        + " a message may have.]";
                text = text.substring(0, text.offsetByCodePoints(0, Math.max(0, room - length(cut)))) + cut;
                notes.add("cut at " + maxLength + " characters (" + full + ")");
            }
        }
        String whole = text + tail;
        if (length(whole) > maxLength) {
            // Only when kefu.intake.max-message-length is set very low: intake would refuse it for ever.
            whole = whole.substring(0, whole.offsetByCodePoints(0, maxLength));
        }
        return new Body(whole, notes.isEmpty() ? null : cut(String.join("; ", notes) + (refused.isEmpty() ? ""
                : ": " + String.join("; ", refused)), 500));
    }

    /**
     * What triage reads of the message (the new part, quotes and signature trimmed) when that is not
     * the text stored: null when trimming left nothing out, or left nothing at all.
     */
    private String triageText(ParsedMail mail, String stored) {
        String trimmed = mail.triageText() == null ? "" : mail.triageText().strip();
        if (trimmed.isEmpty() || trimmed.equals(stored.strip())) {
            return null;
        }
        return length(trimmed) <= maxLength ? trimmed : trimmed.substring(0, trimmed.offsetByCodePoints(0, maxLength));
    }

    /** The ticket of the message a stored Message-ID belongs to (where that message is now, after a merge). */
    private Optional<Long> ticketOfMessageId(String messageId) {
        if (messageId.length() > 255) {
            return Optional.empty();
        }
        return jdbc.sql("""
                SELECT m.ticket_id FROM mail_message mm JOIN message m ON m.id = mm.kefu_message_id
                 WHERE mm.message_id = ? ORDER BY mm.id LIMIT 1""").param(messageId).query(Long.class).optional();
    }

    private Optional<Long> known(String mailbox, String key) {
        return jdbc.sql("SELECT id FROM mail_message WHERE mailbox = ? AND dedupe_key = ?").params(mailbox, key)
                .query(Long.class).optional();
    }

    private Long ticketOfRow(long rowId) {
        return jdbc.sql("SELECT ticket_id FROM mail_message WHERE id = ?").param(rowId).query(Long.class).optional()
                .orElse(null);
    }

    private Result recordIgnored(String mailbox, String key, String messageId, String from, String subject, Outcome outcome,
            String reason) {
        if (known(mailbox, key).isEmpty()) {
            try {
                transaction.executeWithoutResult(status -> insertRow(mailbox, key, messageId, "INBOUND", outcome.name(),
                        cut(reason, 500), null, null, from, subject, null, null));
            } catch (DuplicateKeyException concurrent) {
                // recorded by another poll a moment ago
            }
        }
        return new Result(outcome, null, null, reason);
    }

    private void insertRow(String mailbox, String key, String messageId, String direction, String outcome, String reason,
            Long ticketId, Long kefuMessageId, String from, String subject, String refs, String triageText) {
        jdbc.sql("""
                INSERT INTO mail_message (mailbox, dedupe_key, message_id, direction, outcome, reason, ticket_id,
                    kefu_message_id, from_address, subject, refs, triage_text, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(mailbox, key, messageId == null || messageId.length() > 255 ? null : messageId, direction, outcome,
                        reason, ticketId, kefuMessageId, from == null ? null : cut(from, 320), subject == null ? null : cut(subject, 500),
                        refs == null || refs.isBlank() ? null : refs, triageText,
                        Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .update();
    }

    /** A message is known by its Message-ID; one without (or with an absurdly long one) by a digest. */
    static String dedupeKey(String messageId, byte[] raw) {
        if (messageId == null) {
            return "sha256:" + sha256(raw);
        }
        return messageId.length() <= 255 ? messageId : "sha256:" + sha256(messageId.getBytes(StandardCharsets.UTF_8));
    }

    /** Intake's own guard against a message stored twice (at most 64 characters). */
    static String clientMessageId(String mailbox, String key) {
        return CLIENT_ID_PREFIX + sha256((mailbox + "\n" + key).getBytes(StandardCharsets.UTF_8)).substring(0, 40);
    }

    private static String displayName(ParsedMail.MailAttachment file) {
        return file.fileName() != null ? file.fileName() : fallbackName(file);
    }

    private static String fallbackName(ParsedMail.MailAttachment file) {
        String type = file.declaredType() == null ? "file" : file.declaredType().toLowerCase(Locale.ROOT);
        return (file.inline() ? "inline-" : "") + type.replaceAll("[^a-z0-9]+", "-");
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
