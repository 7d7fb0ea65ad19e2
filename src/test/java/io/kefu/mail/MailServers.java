package io.kefu.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.MessageIDTerm;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * Real mail servers on loopback ports for the e-mail journeys (GreenMail): the shop's support
 * mailbox, read over IMAP, into which the tests deliver the customers' e-mails; and a separate SMTP
 * server that Kefu sends its replies to, which a test can stop and start again (the SMTP server
 * going down). Ports are free ones picked at start, so parallel builds do not collide. The
 * password has characters that must be URL-encoded in the contract's URL.
 */
public final class MailServers {

    public static final String SUPPORT = "support@shop.test";
    public static final String PASSWORD = "p@ss:w/rd " + UUID.randomUUID().toString().substring(0, 8);

    private static final Session SESSION = Session.getInstance(new Properties());

    private final int imapPort = freePort();
    private final int smtpPort = freePort();
    private final GreenMail mailbox;
    private volatile GreenMail smtp;

    public MailServers() {
        mailbox = new GreenMail(new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mailbox.setUser(SUPPORT, SUPPORT, PASSWORD);
        mailbox.start();
        smtp = startSmtp();
    }

    /** {@code KEFU_MAIL_IMAP_URL}, the user info URL-encoded as the contract says. */
    public String imapUrl() {
        return "imap://" + encode(SUPPORT) + ":" + encode(PASSWORD) + "@127.0.0.1:" + imapPort + "/INBOX";
    }

    /** {@code KEFU_MAIL_SMTP_URL}. */
    public String smtpUrl() {
        return "smtp://" + encode(SUPPORT) + ":" + encode(PASSWORD) + "@127.0.0.1:" + smtpPort;
    }

    /** A raw e-mail lands in the support mailbox, byte for byte, unseen. */
    public void deliver(byte[] raw) {
        try {
            mailbox.getUserManager().getUser(SUPPORT).deliver(new MimeMessage(SESSION, new ByteArrayInputStream(raw)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the support mailbox holds a message with this Message-ID marked seen. */
    public boolean seen(String messageId) {
        return withInbox(inbox -> Arrays.stream(inbox.search(new MessageIDTerm("<" + messageId + ">")))
                .allMatch(m -> flag(m, Flags.Flag.SEEN)) && inbox.search(new MessageIDTerm("<" + messageId + ">")).length > 0);
    }

    /** Whether the folder of the support mailbox holds a message with this Message-ID (not deleted), and whether seen. */
    public Optional<Boolean> seenIn(String folder, String messageId) {
        return withFolder(folder, f -> {
            if (!f.exists()) {
                return Optional.empty();
            }
            f.open(Folder.READ_ONLY);
            try {
                return Arrays.stream(f.search(new MessageIDTerm("<" + messageId + ">")))
                        .filter(m -> !flag(m, Flags.Flag.DELETED)).findFirst().map(m -> flag(m, Flags.Flag.SEEN));
            } finally {
                f.close(false);
            }
        });
    }

    /** Marks the message unseen again, as if the poll that stored it never got to marking it. */
    public void markUnseen(String messageId) {
        withInbox(inbox -> {
            for (Message m : inbox.search(new MessageIDTerm("<" + messageId + ">"))) {
                m.setFlag(Flags.Flag.SEEN, false);
            }
            return null;
        });
    }

    /** Every e-mail the SMTP server received for this address (since it was last started). */
    public List<MimeMessage> sentTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                Address[] to = m.getRecipients(Message.RecipientType.TO);
                return to != null && Arrays.stream(to).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The SMTP server goes down: connections to its port are refused. */
    public void stopSmtp() {
        smtp.stop();
    }

    /** The SMTP server comes back on the same port (it has received nothing yet). */
    public void restartSmtp() {
        smtp = startSmtp();
    }

    private GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.setUser(SUPPORT, SUPPORT, PASSWORD);
        server.start();
        return server;
    }

    private interface InboxWork<T> {
        T run(Folder inbox) throws MessagingException;
    }

    private <T> T withFolder(String name, InboxWork<T> work) {
        try (Store store = SESSION.getStore("imap")) {
            store.connect("127.0.0.1", imapPort, SUPPORT, PASSWORD);
            return work.run(store.getFolder(name));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T withInbox(InboxWork<T> work) {
        try (Store store = SESSION.getStore("imap")) {
            store.connect("127.0.0.1", imapPort, SUPPORT, PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                return work.run(inbox);
            } finally {
                inbox.close(false);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean flag(Message m, Flags.Flag flag) {
        try {
            return m.isSet(flag);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
