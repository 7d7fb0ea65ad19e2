package io.kefu.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * Reads a raw RFC 5322 message into a {@link ParsedMail}. Nothing in the message is run or
 * rendered: HTML is reduced to text ({@link MailText}), files are kept as bytes.
 *
 * <p>Charsets: the one a part declares, with {@code GB2312} and {@code GBK} read as
 * {@code GB18030} (their superset: mail clients label GBK text "gb2312" all the time, and
 * GB2312 alone lacks characters such as 镕); an unknown or missing charset is read as UTF-8,
 * with replacement characters rather than a failure.
 */
public final class MailParser {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern TICKET_TOKEN = Pattern.compile("\\[#(\\d{1,18})]");
    private static final Pattern MESSAGE_ID = Pattern.compile("<([^<>\\s]+)>");
    private static final Pattern DAEMON = Pattern.compile("^(mailer-daemon|postmaster|no-?reply|do-?not-?reply)@",
            Pattern.CASE_INSENSITIVE);

    private MailParser() {
    }

    /**
     * Parses a message.
     *
     * @throws MalformedMailException when the bytes are not a readable message or carry no sender
     */
    public static ParsedMail parse(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            InternetAddress from = sender(message);
            String subject = message.getSubject() == null ? "" : message.getSubject().strip();
            Collector parts = new Collector();
            parts.walk(message);
            String text = parts.text();
            return new ParsedMail(firstId(message.getHeader("Message-ID")), ids(message.getHeader("In-Reply-To")),
                    ids(message.getHeader("References")), from.getAddress().toLowerCase(Locale.ROOT),
                    blankToNull(from.getPersonal()), subject, token(subject), text, MailText.newPart(text),
                    List.copyOf(parts.attachments), automatic(message, from, parts.report));
        } catch (MessagingException | IOException e) {
            throw new MalformedMailException("Not a readable e-mail: " + e.getMessage(), e);
        }
    }

    /** The ticket id of the first {@code [#123]} token in a subject, or null. */
    static Long token(String subject) {
        Matcher m = TICKET_TOKEN.matcher(subject);
        return m.find() ? Long.valueOf(m.group(1)) : null;
    }

    private static InternetAddress sender(MimeMessage message) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (MessagingException e) {
            throw new MalformedMailException("The From header is not an address", e);
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)
                || address.getAddress() == null || !address.getAddress().contains("@")) {
            throw new MalformedMailException("The message has no sender address", null);
        }
        return address;
    }

    /**
     * Why the message is automatic, or null. RFC 3834 {@code Auto-Submitted} (anything but
     * {@code no}), {@code Precedence: bulk|junk|list}, the {@code X-Autoreply} / {@code X-Autorespond}
     * headers some servers add, a mailer-daemon / postmaster / no-reply sender, a delivery status
     * report (RFC 3464 {@code multipart/report}) and an empty return path ({@code Return-Path: <>},
     * which only bounces carry).
     */
    private static String automatic(MimeMessage message, InternetAddress from, boolean report)
            throws MessagingException {
        String autoSubmitted = header(message, "Auto-Submitted");
        if (autoSubmitted != null && !autoSubmitted.toLowerCase(Locale.ROOT).startsWith("no")) {
            return "Auto-Submitted: " + autoSubmitted;
        }
        String precedence = header(message, "Precedence");
        if (precedence != null && Pattern.matches("(?i)\\s*(bulk|junk|list)\\s*", precedence)) {
            return "Precedence: " + precedence.strip();
        }
        for (String name : List.of("X-Autoreply", "X-Autorespond")) {
            String value = header(message, name);
            if (value != null) {
                return name + ": " + value.strip();
            }
        }
        if (DAEMON.matcher(from.getAddress()).find()) {
            return "sender " + from.getAddress().toLowerCase(Locale.ROOT);
        }
        if (report) {
            return "delivery status report (multipart/report)";
        }
        String returnPath = header(message, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return "Return-Path: <> (a bounce)";
        }
        return null;
    }

    private static String header(MimeMessage message, String name) throws MessagingException {
        return message.getHeader(name, ",");
    }

    private static String firstId(String[] values) {
        List<String> ids = ids(values);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static List<String> ids(String[] values) {
        List<String> ids = new ArrayList<>();
        if (values == null) {
            return ids;
        }
        for (String value : values) {
            Matcher m = MESSAGE_ID.matcher(value);
            while (m.find()) {
                if (!ids.contains(m.group(1))) {
                    ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Charset a part declares, as Java reads it best. */
    static Charset charset(String contentType) {
        String name = null;
        try {
            name = new ContentType(contentType).getParameter("charset");
        } catch (MessagingException | RuntimeException ignored) {
            // a broken Content-Type: read as UTF-8
        }
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        String wanted = MimeUtility.javaCharset(name.strip().replace("\"", ""));
        if (wanted.equalsIgnoreCase("gb2312") || wanted.equalsIgnoreCase("gbk") || wanted.equalsIgnoreCase("euc_cn")
                || wanted.equalsIgnoreCase("x-gbk")) {
            return Charset.forName("GB18030");
        }
        try {
            return Charset.forName(wanted);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** Walks the MIME tree: the best text of each alternative, and every file. */
    private static final class Collector {

        private final StringBuilder plain = new StringBuilder();
        private final List<ParsedMail.MailAttachment> attachments = new ArrayList<>();
        private boolean report;

        String text() {
            return plain.toString().strip();
        }

        void walk(Part part) throws MessagingException, IOException {
            String type = part.getContentType() == null ? "text/plain" : part.getContentType();
            String lower = type.toLowerCase(Locale.ROOT);
            if (lower.startsWith("multipart/")) {
                if (lower.startsWith("multipart/report")) {
                    report = true;
                }
                Multipart multipart = multipart(part);
                if (lower.startsWith("multipart/alternative")) {
                    alternative(multipart);
                } else {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        walk(multipart.getBodyPart(i));
                    }
                }
                return;
            }
            String disposition = part.getDisposition();
            boolean isText = lower.startsWith("text/plain") || lower.startsWith("text/html");
            if (isText && (disposition == null || disposition.equalsIgnoreCase(Part.INLINE)) && part.getFileName() == null) {
                append(read(part, type, lower));
                return;
            }
            if (lower.startsWith("message/delivery-status")) {
                report = true;
            }
            attachments.add(new ParsedMail.MailAttachment(fileName(part), new ContentType(type).getBaseType(),
                    bytes(part), Part.INLINE.equalsIgnoreCase(disposition) || header(part, "Content-ID") != null));
        }

        /** multipart/alternative: the plain text when there is one, else the richest other part. */
        private void alternative(Multipart multipart) throws MessagingException, IOException {
            BodyPart chosen = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart candidate = multipart.getBodyPart(i);
                String t = candidate.getContentType().toLowerCase(Locale.ROOT);
                if (t.startsWith("text/plain")) {
                    chosen = candidate;
                    break;
                }
                chosen = candidate;
            }
            if (chosen != null) {
                walk(chosen);
            }
        }

        private void append(String text) {
            if (text.isBlank()) {
                return;
            }
            if (!plain.isEmpty()) {
                plain.append("\n\n");
            }
            plain.append(text.strip());
        }

        private static String read(Part part, String type, String lower) throws MessagingException, IOException {
            String decoded = new String(bytes(part), charset(type));
            String text = lower.startsWith("text/html") ? MailText.fromHtml(decoded) : decoded;
            return text.replace("\r\n", "\n").replace('\r', '\n');
        }

        private static Multipart multipart(Part part) throws MessagingException, IOException {
            Object content = part.getContent();
            if (content instanceof Multipart multipart) {
                return multipart;
            }
            throw new MessagingException("A multipart without parts");
        }

        private static byte[] bytes(Part part) throws MessagingException, IOException {
            try (InputStream in = part.getInputStream()) {
                return in.readAllBytes();
            }
        }

        private static String fileName(Part part) throws MessagingException {
            String name = part.getFileName();
            if (name == null) {
                return null;
            }
            try {
                return MimeUtility.decodeText(name);
            } catch (UnsupportedEncodingException e) {
                return name;
            }
        }

        private static String header(Part part, String name) throws MessagingException {
            String[] values = part.getHeader(name);
            return values == null || values.length == 0 ? null : values[0];
        }
    }
}
