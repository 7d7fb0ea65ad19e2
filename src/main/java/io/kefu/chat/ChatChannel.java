package io.kefu.chat;

import java.util.List;

import org.springframework.web.cors.CorsConfiguration;

/**
 * One channel key a widget is embedded with ({@code data-channel-key}).
 *
 * @param key            the public key in the host page
 * @param name           shown in the widget's header
 * @param secret         signs customers' external ids (HMAC-SHA256); known only to Kefu and the host site's server
 * @param allowedOrigins the sites that may embed it: origins or patterns such as
 *                       {@code https://*.shop.example} and {@code http://localhost:[*]} (Spring's
 *                       CORS origin patterns); Kefu's own origin (its demo page) is always allowed
 * @param preChatForm    whether an anonymous visitor gives their name and e-mail address before
 *                       their first message (default off); a visitor the host site signed for never does
 */
public record ChatChannel(String key, String name, String secret, List<String> allowedOrigins, Boolean preChatForm) {

    public ChatChannel {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
        name = name == null || name.isBlank() ? key : name;
        preChatForm = Boolean.TRUE.equals(preChatForm);
    }

    /** Whether a page of {@code origin} may use this channel; {@code null} (no browser: an app) may. */
    public boolean allowsOrigin(String origin) {
        if (origin == null) {
            return true;
        }
        return cors().checkOrigin(origin) != null;
    }

    /** Whether this visitor must fill in the pre-chat form before writing. */
    boolean asksPreChat(Visitor visitor) {
        return preChatForm && !visitor.identified();
    }

    CorsConfiguration cors() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(allowedOrigins);
        return cors;
    }
}
