package io.kefu.mail;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.kefu.conversation.Direction;
import io.kefu.conversation.MessageAppended;
import io.kefu.ticket.Channel;

/**
 * Queues every outbound message on e-mail (an agent's reply or the bot's answer on an {@code EMAIL}
 * ticket, or a reply an agent sent by e-mail on another channel's ticket to an address linked to the
 * customer) as an e-mail in the customer's thread, in the transaction that stores the message: a
 * reply is stored and queued together or not at all. {@link MailSender} sends it. A ticket the
 * customer never e-mailed on gets a new thread to their latest linked address, named after the
 * first line of their first message.
 *
 * <p>The e-mail: From the support address ({@code KEFU_MAIL_ADDRESS}), To the address the customer
 * last wrote from on this ticket, Subject {@code Re: <first subject> [#<ticket>]} (the subject of the
 * ticket's first e-mail without its {@code Re:}/{@code Fwd:} prefixes and tokens), {@code In-Reply-To}
 * the customer's last e-mail and {@code References} its references plus that e-mail, and a
 * {@code Message-ID} Kefu makes and stores with the ticket, so the customer's answer to it threads
 * back. The bot's messages also carry {@code Auto-Submitted: auto-replied} (RFC 3834), so that a
 * customer's auto-responder does not answer them.
 */
@Component
class MailReplies {

    private static final Logger log = LoggerFactory.getLogger(MailReplies.class);
    /** Leading "Re:", "Fwd:", "回复：", "答复:", "转发:" and the like, and any [#123] token. */
    private static final Pattern PREFIXES = Pattern.compile("^(\\s*(re|fw|fwd|aw|sv|回复|答复|转发)\\s*(\\[\\d+])?\\s*[:：])+\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKENS = Pattern.compile("\\s*\\[#\\d+]\\s*");
    /** References kept: the first (the thread's root) and the newest ones, as RFC 5322 suggests trimming. */
    private static final int MAX_REFERENCES = 20;
    private static final String BOT_AUTHOR = "bot";

    private final JdbcClient jdbc;
    private final MailProperties settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    MailReplies(JdbcClient jdbc, MailProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    void on(MessageAppended appended) {
        if (appended.message().direction() != Direction.OUTBOUND || !Channel.EMAIL.name().equals(appended.channel())) {
            return;
        }
        long ticketId = appended.message().ticketId();
        if (!settings.enabled()) {
            // Not a fault: an installation without a mailbox (the demo's EMAIL ticket) has nothing to send through.
            log.info("Reply {} on e-mail ticket {} stays in the transcript: the e-mail channel is off (KEFU_MAIL_IMAP_URL unset)",
                    appended.message().id(), ticketId);
            return;
        }
        record Last(String from, String messageId, String refs) {
        }
        Optional<Last> last = jdbc.sql("""
                SELECT mm.from_address, mm.message_id, mm.refs FROM mail_message mm JOIN message m ON m.id = mm.kefu_message_id
                 WHERE m.ticket_id = ? AND mm.direction = 'INBOUND' ORDER BY mm.id DESC LIMIT 1""")
                .param(ticketId).query((rs, row) -> new Last(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
        String firstSubject;
        if (last.isPresent()) {
            firstSubject = jdbc.sql("""
                    SELECT mm.subject FROM mail_message mm JOIN message m ON m.id = mm.kefu_message_id
                     WHERE m.ticket_id = ? AND mm.direction = 'INBOUND' ORDER BY mm.id LIMIT 1""")
                    .param(ticketId).query(String.class).optional().orElse("");
        } else {
            // The customer never e-mailed on this ticket (they wrote on WeChat or in the web chat) but an
            // e-mail address is linked to them and the agent chose e-mail: a new thread to that address,
            // the subject taken from the customer's first message.
            Optional<String> linked = jdbc.sql("""
                    SELECT address FROM channel_identity WHERE customer_id = ? AND channel = 'EMAIL'
                     ORDER BY created_at DESC, id DESC LIMIT 1""").param(appended.customerId()).query(String.class).optional();
            if (linked.isEmpty()) {
                // An EMAIL ticket opened through the API for someone with no address: the reply stays in the transcript.
                log.warn("Reply {} on ticket {} is not e-mailed: the customer has no e-mail address", appended.message().id(),
                        ticketId);
                return;
            }
            last = Optional.of(new Last(linked.get(), null, null));
            firstSubject = jdbc.sql("SELECT body FROM message WHERE ticket_id = ? AND direction = 'INBOUND' ORDER BY id LIMIT 1")
                    .param(ticketId).query(String.class).optional().map(MailReplies::firstLine).orElse("");
        }
        String headerId = "kefu-" + ticketId + "-" + appended.message().id() + "-" + HexFormat.of().formatHex(bytes(6)) + "@"
                + settings.domain();
        List<String> references = references(last.get().refs(), last.get().messageId());
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        jdbc.sql("""
                INSERT INTO mail_outbound (message_id, header_message_id, to_address, subject, in_reply_to, refs, body,
                    automatic, status, attempts, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)""")
                .params(appended.message().id(), headerId, last.get().from(), subject(firstSubject, ticketId),
                        last.get().messageId(), references.isEmpty() ? null : String.join(" ", references),
                        appended.message().body(), BOT_AUTHOR.equals(appended.message().author()), now)
                .update();
        String mailbox = settings.imap().orElseThrow().mailbox();
        jdbc.sql("""
                INSERT INTO mail_message (mailbox, dedupe_key, message_id, direction, outcome, ticket_id, kefu_message_id,
                    from_address, subject, created_at)
                VALUES (?, ?, ?, 'OUTBOUND', 'REPLY', ?, ?, ?, ?, ?)""")
                .params(mailbox, headerId, headerId, ticketId, appended.message().id(), settings.address(),
                        cut(subject(firstSubject, ticketId), 500), now)
                .update();
    }

    /** {@code Re: <first subject> [#<ticket>]}. */
    static String subject(String firstSubject, long ticketId) {
        String plain = TOKENS.matcher(PREFIXES.matcher(firstSubject == null ? "" : firstSubject).replaceFirst(""))
                .replaceAll(" ").strip();
        return "Re: " + (plain.isEmpty() ? "(no subject)" : plain) + " [#" + ticketId + "]";
    }

    /** The references of the customer's e-mail, then the e-mail itself; trimmed to the root and the newest. */
    static List<String> references(String storedRefs, String messageId) {
        List<String> ids = new ArrayList<>(storedRefs == null || storedRefs.isBlank() ? List.of()
                : Arrays.asList(storedRefs.strip().split("\\s+")));
        if (messageId != null) {
            ids.remove(messageId);
            ids.add(messageId);
        }
        if (ids.size() > MAX_REFERENCES) {
            List<String> trimmed = new ArrayList<>();
            trimmed.add(ids.get(0));
            trimmed.addAll(ids.subList(ids.size() - (MAX_REFERENCES - 1), ids.size()));
            return trimmed;
        }
        return ids;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The first line of a message, at most 80 characters: a subject for a thread Kefu starts. */
    static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() <= 80 ? line : line.substring(0, 79) + "…";
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
