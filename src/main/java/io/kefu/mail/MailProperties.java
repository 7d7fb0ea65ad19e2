package io.kefu.mail;

import java.time.Duration;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The e-mail channel's settings ({@code kefu.mail.*}). The channel is off (no route reads a
 * mailbox, nothing is sent) unless {@code imap-url} is set; then {@code smtp-url} and
 * {@code address} must be set too, or the start stops with the reason ({@link #check()}): a
 * mailbox Kefu reads but cannot answer from would leave every reply queued for ever.
 *
 * @param imapUrl          {@code KEFU_MAIL_IMAP_URL}: the mailbox to read, {@code imap://user:password@host:port/folder}
 * @param smtpUrl          {@code KEFU_MAIL_SMTP_URL}: where replies are sent, {@code smtp://user:password@host:port}
 * @param address          {@code KEFU_MAIL_ADDRESS}: the support address replies come from
 * @param pollInterval     {@code KEFU_MAIL_POLL_INTERVAL}: how often the mailbox is read (PT30S)
 * @param sendPollInterval how often queued replies are sent (PT1S)
 * @param maxAttempts      failed sends before a reply is given up as FAILED (kept, with its error)
 * @param timeout          connect and read timeout towards both servers (PT10S)
 * @param processedFolder  {@code KEFU_MAIL_PROCESSED_FOLDER}: the folder a message is moved to once
 *                         stored (created when missing); unset: it stays in the folder read, marked seen
 */
@ConfigurationProperties("kefu.mail")
public record MailProperties(String imapUrl, String smtpUrl, String address, Duration pollInterval,
        Duration sendPollInterval, int maxAttempts, Duration timeout, String processedFolder) {

    public MailProperties {
        imapUrl = blankToNull(imapUrl);
        smtpUrl = blankToNull(smtpUrl);
        address = blankToNull(address);
        pollInterval = pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
        sendPollInterval = sendPollInterval == null ? Duration.ofSeconds(1) : sendPollInterval;
        maxAttempts = maxAttempts < 1 ? 20 : maxAttempts;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        processedFolder = processedFolder == null || processedFolder.isBlank() ? null : processedFolder.strip();
    }

    /**
     * Checks the settings of a channel that is on (called when the channel's beans are made, not in
     * the binding, whose failure report would print the URLs and their passwords).
     *
     * @throws IllegalArgumentException naming the setting that is wrong or missing
     */
    void check() {
        if (imapUrl != null) {
            MailServer.imap("KEFU_MAIL_IMAP_URL", imapUrl);
            if (smtpUrl == null) {
                throw new IllegalArgumentException("KEFU_MAIL_IMAP_URL is set but KEFU_MAIL_SMTP_URL is not: Kefu would read"
                        + " the mailbox and could never answer. Set both, or neither.");
            }
            MailServer.smtp("KEFU_MAIL_SMTP_URL", smtpUrl);
            if (address == null) {
                throw new IllegalArgumentException("KEFU_MAIL_IMAP_URL is set but KEFU_MAIL_ADDRESS is not: replies need the"
                        + " support address they come from.");
            }
            try {
                new InternetAddress(address, true);
            } catch (AddressException e) {
                throw new IllegalArgumentException("KEFU_MAIL_ADDRESS is not an e-mail address: " + e.getMessage());
            }
            if (processedFolder != null && processedFolder.equalsIgnoreCase(MailServer.imap("KEFU_MAIL_IMAP_URL", imapUrl).folder())) {
                throw new IllegalArgumentException("KEFU_MAIL_PROCESSED_FOLDER is the folder Kefu reads ('" + processedFolder
                        + "'): a stored message would be moved onto itself. Name another folder, or unset it to only mark"
                        + " messages seen.");
            }
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("KEFU_MAIL_POLL_INTERVAL must be positive, e.g. PT30S");
            }
        }
    }

    /** The folder stored messages are moved to, if one is set. */
    public Optional<String> processedFolderName() {
        return Optional.ofNullable(processedFolder);
    }

    /** Whether the channel is configured at all. */
    public boolean enabled() {
        return imapUrl != null;
    }

    /** The mailbox read, when the channel is on. */
    public Optional<MailServer> imap() {
        return Optional.ofNullable(imapUrl).map(url -> MailServer.imap("KEFU_MAIL_IMAP_URL", url));
    }

    /** The server replies go through, when the channel is on. */
    public Optional<MailServer> smtp() {
        return enabled() ? Optional.of(MailServer.smtp("KEFU_MAIL_SMTP_URL", smtpUrl)) : Optional.empty();
    }

    /** The domain of the support address, for the Message-IDs Kefu gives its replies. */
    String domain() {
        return address == null ? "kefu.invalid" : address.substring(address.lastIndexOf('@') + 1);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        // Never the URLs: they carry passwords, and this may end up in a log line.
        return "MailProperties[imap=" + imap().map(MailServer::toString).orElse("off") + ", address=" + address + "]";
    }
}
