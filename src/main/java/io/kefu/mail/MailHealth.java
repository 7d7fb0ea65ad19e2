package io.kefu.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component {@code mail}: UP when the mailbox can be opened over IMAP (the
 * server reachable, the sign-in and the folder right) and the SMTP server takes a sign-in, DOWN with
 * the reason of the one that fails; UNKNOWN when the channel is off. Details: {@code imap},
 * {@code smtp} and the replies still queued ({@code pendingReplies}). A check opens one connection
 * to each server, so its answer is kept for {@link #CACHE_FOR}: probes every few seconds do not
 * hammer the mail servers.
 */
@Component("mail")
class MailHealth implements HealthIndicator {

    static final Duration CACHE_FOR = Duration.ofSeconds(10);

    private final MailProperties settings;
    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Health last;
    private volatile Instant lastAt = Instant.MIN;

    MailHealth(MailProperties settings, JdbcClient jdbc, Clock clock) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Health health() {
        if (!settings.enabled()) {
            return Health.unknown().withDetail("channel", "off (KEFU_MAIL_IMAP_URL unset)").build();
        }
        Instant now = clock.instant();
        Health cached = last;
        if (cached != null && lastAt.plus(CACHE_FOR).isAfter(now)) {
            return cached;
        }
        Health fresh = check();
        last = fresh;
        lastAt = now;
        return fresh;
    }

    /** Checks both servers now. */
    Health check() {
        Map<String, Object> details = new LinkedHashMap<>();
        MailServer imap = settings.imap().orElseThrow();
        MailServer smtp = settings.smtp().orElseThrow();
        String imapError = imap(imap);
        String smtpError = smtp(smtp);
        details.put("imap", imapError == null ? "reachable: " + imap : imapError + " (" + imap + ")");
        details.put("smtp", smtpError == null ? "reachable: " + smtp : smtpError + " (" + smtp + ")");
        details.put("pendingReplies", jdbc.sql("SELECT COUNT(*) FROM mail_outbound WHERE status = 'PENDING'")
                .query(Long.class).single());
        return (imapError == null && smtpError == null ? Health.up() : Health.down()).withDetails(details).build();
    }

    private String imap(MailServer server) {
        try (Store store = session(server).getStore(server.protocol())) {
            store.connect(server.host(), server.port(), server.username(), server.password());
            Folder folder = store.getFolder(server.folder());
            return folder.exists() ? null : "folder " + server.folder() + " does not exist";
        } catch (MessagingException e) {
            return "not reachable: " + e.getMessage();
        }
    }

    private String smtp(MailServer server) {
        try (Transport transport = session(server).getTransport(server.protocol())) {
            transport.connect(server.host(), server.port(), server.username(), server.password());
            return null;
        } catch (MessagingException e) {
            return "not reachable: " + e.getMessage();
        }
    }

    private Session session(MailServer server) {
        Properties properties = new Properties();
        String timeout = String.valueOf(settings.timeout().toMillis());
        properties.put("mail." + server.protocol() + ".connectiontimeout", timeout);
        properties.put("mail." + server.protocol() + ".timeout", timeout);
        if (server.username() != null) {
            properties.put("mail." + server.protocol() + ".auth", "true");
        }
        return Session.getInstance(properties);
    }
}
