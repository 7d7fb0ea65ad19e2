package io.kefu.customer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kinds of identity an agent or a back-office system may link to a customer by hand
 * ({@link CustomerService#link}), each with the rule its address follows. The channels record the
 * same kinds themselves when a customer writes (the e-mail sender's address, the WeChat openid and
 * unionid, the WeCom user id, the DingTalk staff id), beside one identity named after the channel.
 * A web visitor is never linked by hand: the web chat joins a visitor to a customer only through
 * the host site's signed {@code externalId}.
 */
public enum IdentityKind {
    /** An e-mail address, compared in lower case; mail from it reaches this customer. */
    EMAIL("EMAIL", Pattern.compile("[^\\s@<>\"]{1,64}@[^\\s@<>\"]{1,190}\\.[^\\s@<>\"]{1,63}")),
    /** A phone number, digits with an optional leading {@code +} (spaces, dashes and dots dropped). */
    PHONE(null, Pattern.compile("\\+?[0-9]{5,20}")),
    /** A WeChat Official Account openid. */
    WECHAT_OPENID("WECHAT", Pattern.compile("[A-Za-z0-9_-]{1,64}")),
    /** A WeChat unionid: the same person across the company's accounts (and its WeChat login). */
    WECHAT_UNIONID("WECHAT", Pattern.compile("[A-Za-z0-9_-]{1,64}")),
    /** A WeCom user id. */
    WECOM_USERID("WECOM", Pattern.compile("[A-Za-z0-9._@-]{1,64}")),
    /** A DingTalk staff id. */
    DINGTALK_STAFFID("DINGTALK", Pattern.compile("[A-Za-z0-9._@-]{1,64}"));

    private final String channel;
    private final Pattern rule;

    IdentityKind(String channel, Pattern rule) {
        this.channel = channel;
        this.rule = rule;
    }

    /**
     * The kind of this name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the kinds there are
     */
    public static IdentityKind parse(String name) {
        String wanted = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("kind must be one of " + Arrays.toString(values())));
    }

    /**
     * The address in the form identities are stored in.
     *
     * @throws IllegalArgumentException when it breaks this kind's rule
     */
    public String check(String address) {
        String normal = normalise(name(), address);
        if (this == PHONE && normal != null) {
            normal = normal.replaceAll("[\\s.()-]", "");
        }
        if (normal == null || !rule.matcher(normal).matches()) {
            throw new IllegalArgumentException("address is not a valid " + name() + " (" + rule.pattern() + ")");
        }
        return normal;
    }

    /** An address as stored for an identity of {@code kind}: e-mail addresses trimmed and in lower case. */
    static String normalise(String kind, String address) {
        if (address == null) {
            return null;
        }
        return "EMAIL".equals(kind) ? address.strip().toLowerCase(Locale.ROOT) : address.strip();
    }

    /**
     * The channel a reply can take to reach an identity of this stored kind ({@code EMAIL} for an
     * e-mail address, {@code WECHAT} for an openid, the channel itself for the identity a channel
     * records under its own name); empty for kinds no channel sends to (a phone number).
     */
    public static Optional<String> channelOf(String storedKind) {
        return switch (storedKind) {
            case "WEB", "APP", "API", "EMAIL", "WECHAT", "WECOM", "DINGTALK" -> Optional.of(storedKind);
            case "WECHAT_OPENID" -> Optional.of("WECHAT");
            case "WECOM_USERID" -> Optional.of("WECOM");
            case "DINGTALK_STAFFID", "DINGTALK_SENDER" -> Optional.of("DINGTALK");
            default -> Optional.empty();
        };
    }
}
