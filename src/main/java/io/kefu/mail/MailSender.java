package io.kefu.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.activation.DataHandler;
import jakarta.mail.SendFailedException;
import jakarta.mail.util.ByteArrayDataSource;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.attachment.AttachmentMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.kefu.chat.Attachment;
import io.kefu.chat.AttachmentService;

/**
 * Sends queued replies ({@code mail_outbound}) through the {@code mail-send} route (SMTP), oldest
 * first, retrying with doubling back-off (1 s … 10 min) while the server is down or answers with a
 * temporary error, so a reply is delayed, never lost. Each row is claimed by moving its next attempt
 * past a lease before it is sent, so two nodes never send the same row at once; a sent row is
 * {@code SENT} and never sent again. A permanent refusal (a 5xx for the recipient or the message)
 * ends the row as {@code REFUSED}; after {@code kefu.mail.max-attempts} failures it is {@code FAILED};
 * both keep the server's answer. Files an agent attached to the reply go with it.
 */
@Component
class MailSender {

    private static final Logger log = LoggerFactory.getLogger(MailSender.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    static final String ROUTE = "direct:mail-send";

    private final JdbcClient jdbc;
    private final ProducerTemplate camel;
    private final AttachmentService attachments;
    private final MailProperties settings;
    private final Clock clock;

    MailSender(JdbcClient jdbc, ProducerTemplate camel, AttachmentService attachments, MailProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.camel = camel;
        this.attachments = attachments;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kefu.mail.send-poll-interval:PT1S}")
    void poll() {
        if (settings.enabled()) {
            sendDue();
        }
    }

    /** A queued reply. */
    record Due(long id, long messageId, String headerId, String to, String subject, String inReplyTo, String refs,
            String body, boolean automatic, int attempts, Timestamp nextAttempt) {
    }

    /** Sends what is due now; returns how many were sent. */
    int sendDue() {
        Instant now = now();
        List<Due> due = jdbc.sql("""
                SELECT id, message_id, header_message_id, to_address, subject, in_reply_to, refs, body, automatic, attempts,
                       next_attempt_at
                  FROM mail_outbound WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY id LIMIT 50""")
                .param(Timestamp.from(now))
                .query((rs, row) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getInt(10), rs.getTimestamp(11)))
                .list();
        int sent = 0;
        for (Due row : due) {
            int claimed = jdbc.sql("UPDATE mail_outbound SET next_attempt_at = ? WHERE id = ? AND status = 'PENDING'"
                    + " AND next_attempt_at = ?").params(Timestamp.from(now.plus(LEASE)), row.id(), row.nextAttempt()).update();
            if (claimed == 0) {
                continue;
            }
            int attempts = row.attempts() + 1;
            Exchange result = camel.send(ROUTE, exchange -> prepare(exchange, row));
            Exception failure = result.getException();
            if (failure == null) {
                jdbc.sql("UPDATE mail_outbound SET status = 'SENT', attempts = ?, sent_at = ?, last_error = NULL WHERE id = ?")
                        .params(attempts, Timestamp.from(now()), row.id()).update();
                log.info("Reply {} e-mailed to {} as <{}>", row.messageId(), row.to(), row.headerId());
                sent++;
            } else if (permanent(failure)) {
                jdbc.sql("UPDATE mail_outbound SET status = 'REFUSED', attempts = ?, last_error = ? WHERE id = ?")
                        .params(attempts, cut(describe(failure)), row.id()).update();
                log.warn("The SMTP server refused reply {} to {} for good: {}", row.messageId(), row.to(), describe(failure));
            } else {
                retry(row, attempts, describe(failure));
            }
        }
        return sent;
    }

    private void prepare(Exchange exchange, Due row) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("From", settings.address());
        headers.put("To", row.to());
        headers.put("Subject", row.subject());
        headers.put("Message-ID", "<" + row.headerId() + ">");
        if (row.inReplyTo() != null) {
            headers.put("In-Reply-To", "<" + row.inReplyTo() + ">");
        }
        if (row.refs() != null && !row.refs().isBlank()) {
            headers.put("References", String.join(" ", java.util.Arrays.stream(row.refs().split("\\s+"))
                    .map(id -> "<" + id + ">").toList()));
        }
        if (row.automatic()) {
            headers.put("Auto-Submitted", "auto-replied");
        }
        exchange.getIn().setHeaders(headers);
        exchange.getIn().setBody(row.body());
        for (Attachment file : attachments.of(List.of(row.messageId())).getOrDefault(row.messageId(), List.of())) {
            AttachmentService.Stored stored = attachments.find(file.id()).orElseThrow();
            exchange.getIn(AttachmentMessage.class).addAttachment(file.name(),
                    new DataHandler(new ByteArrayDataSource(attachments.read(stored, false), file.contentType())));
        }
    }

    private void retry(Due row, int attempts, String error) {
        if (attempts >= settings.maxAttempts()) {
            jdbc.sql("UPDATE mail_outbound SET status = 'FAILED', attempts = ?, last_error = ? WHERE id = ?")
                    .params(attempts, cut(error), row.id()).update();
            log.error("Reply {} to {} failed {} times, given up: {}", row.messageId(), row.to(), attempts, error);
            return;
        }
        Duration backoff = Duration.ofSeconds(1L << Math.min(attempts - 1, 10));
        if (backoff.compareTo(MAX_BACKOFF) > 0) {
            backoff = MAX_BACKOFF;
        }
        jdbc.sql("UPDATE mail_outbound SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?")
                .params(attempts, cut(error), Timestamp.from(now().plus(backoff)), row.id()).update();
        log.info("Reply {} to {} not sent (attempt {}), retrying in {}: {}", row.messageId(), row.to(), attempts, backoff, error);
    }

    /** A 5xx for the recipient or the message, which no retry changes; a 4xx or a network error is temporary. */
    static boolean permanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPAddressFailedException address) {
                return address.getReturnCode() >= 500;
            }
            if (t instanceof SMTPSendFailedException send && send.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof SendFailedException send && send.getNextException() != null
                    && permanent(send.getNextException())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + root.getMessage();
        return root == failure ? text : failure.getClass().getSimpleName() + " (" + text + ")";
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String cut(String error) {
        return error == null ? null : error.length() <= 500 ? error : error.substring(0, 500);
    }
}
