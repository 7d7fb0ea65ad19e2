package io.kefu.mail;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A mail server as the contract's URL names it: {@code imap://user:password@host:port/folder},
 * {@code imaps://…}, {@code smtp://user:password@host:port}, {@code smtps://…}. The user info is
 * URL-decoded ({@code support%40shop.test} is {@code support@shop.test}); a missing port is the
 * protocol's own (143, 993, 25, 465); an IMAP URL without a path reads {@code INBOX}.
 *
 * <p>{@link #toString()} and every error message leave the password out: they may be logged.
 *
 * @param protocol {@code imap}, {@code imaps}, {@code smtp} or {@code smtps}
 * @param host     the server
 * @param port     its port
 * @param username who signs in, or null to sign in as nobody (an SMTP relay that needs no login)
 * @param password the password, or null
 * @param folder   the IMAP folder to read (null for SMTP)
 */
public record MailServer(String protocol, String host, int port, String username, String password, String folder) {

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("imap", 143, "imaps", 993, "smtp", 25, "smtps", 465);

    /**
     * Reads an IMAP URL.
     *
     * @param setting the setting's name, for the error message
     * @throws IllegalArgumentException naming the setting when the URL is not an IMAP URL
     */
    public static MailServer imap(String setting, String url) {
        return parse(setting, url, "imap", "imaps");
    }

    /** Reads an SMTP URL; see {@link #imap}. */
    public static MailServer smtp(String setting, String url) {
        return parse(setting, url, "smtp", "smtps");
    }

    private static MailServer parse(String setting, String url, String plain, String secure) {
        String expected = setting + " must look like " + plain + "://user:password@host:port"
                + (plain.equals("imap") ? "/folder" : "") + " (or " + secure + "://…)";
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            // The message would quote the URL, password and all: say only where it broke.
            throw new IllegalArgumentException(expected + "; it is not a URL (character " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals(plain) && !scheme.equals(secure)) {
            throw new IllegalArgumentException(expected + "; its scheme is '" + scheme + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(expected + "; it names no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(expected + "; it may carry no ?query or #fragment");
        }
        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String folder = null;
        if (scheme.startsWith("imap")) {
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
            folder = path.isBlank() ? "INBOX" : path;
        } else if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw new IllegalArgumentException(expected + "; an SMTP URL has no folder");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORTS.get(scheme);
        return new MailServer(scheme, uri.getHost(), port, blankToNull(username), password, folder);
    }

    /** Whether the connection is TLS from the first byte ({@code imaps}, {@code smtps}). */
    public boolean secure() {
        return protocol.endsWith("s");
    }

    /** The Camel endpoint without credentials: {@code imap://host:port}. */
    String endpoint() {
        return protocol + "://" + host + ":" + port;
    }

    /**
     * What a message is unique within: the account and folder ({@code support@shop.test@mail.shop.test/INBOX}),
     * whatever the port or TLS.
     */
    String mailbox() {
        String who = username == null ? "" : username.toLowerCase(Locale.ROOT) + "@";
        return who + host.toLowerCase(Locale.ROOT) + (folder == null ? "" : "/" + folder);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return protocol + "://" + (username == null ? "" : username + "@") + host + ":" + port
                + (folder == null ? "" : "/" + folder);
    }
}
