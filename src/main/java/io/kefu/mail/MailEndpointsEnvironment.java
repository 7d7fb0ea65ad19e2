package io.kefu.mail;

import java.time.Duration;
import java.util.function.Function;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * Turns the contract's mail URLs ({@code KEFU_MAIL_IMAP_URL}, {@code KEFU_MAIL_SMTP_URL}) into the
 * Camel endpoint options the routes of {@code integrations/channels/} are written with:
 *
 * <ul>
 * <li>{@code kefu.mail.imap.enabled} ({@code true} when the URL is set: the routes' precondition);</li>
 * <li>{@code kefu.mail.imap.endpoint} ({@code imap://host:port} or {@code imaps://…}),
 *     {@code kefu.mail.imap.folder} (the URL's path, {@code INBOX} when it has none),
 *     {@code kefu.mail.imap.delay} ({@code KEFU_MAIL_POLL_INTERVAL} in milliseconds);</li>
 * <li>{@code kefu.mail.smtp.endpoint} ({@code smtp://host:port} or {@code smtps://…});</li>
 * <li>{@code kefu.mail.timeout-millis}.</li>
 * </ul>
 *
 * The user names and passwords are not among them: the routes sign in through the
 * {@link MailAuthenticators} beans, so no endpoint URI (which Camel logs) ever holds a password.
 * The values are derived when asked for, not once at start, so settings added later (a test's
 * dynamic properties) count too.
 */
public class MailEndpointsEnvironment implements EnvironmentPostProcessor {

    static final String PREFIX = "kefu.mail.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new Derived(environment::getProperty));
    }

    /**
     * The derived options, read from the environment's URLs on every look-up. Its source is a look-up
     * function, not the environment itself: Spring Boot walks into a property source whose source is
     * an environment, and would find this one inside it again, without end.
     */
    static final class Derived extends PropertySource<Function<String, String>> {

        Derived(Function<String, String> environment) {
            super("kefuMailEndpoints", environment);
        }

        @Override
        public Object getProperty(String name) {
            if (!name.startsWith(PREFIX)) {
                return null;
            }
            return switch (name.substring(PREFIX.length())) {
                case "imap.enabled" -> String.valueOf(url("imap-url").isPresent());
                case "imap.endpoint" -> url("imap-url").map(u -> MailServer.imap("KEFU_MAIL_IMAP_URL", u).endpoint()).orElse(null);
                case "imap.folder" -> url("imap-url").map(u -> MailServer.imap("KEFU_MAIL_IMAP_URL", u).folder()).orElse(null);
                case "imap.delay" -> String.valueOf(millis("poll-interval", "KEFU_MAIL_POLL_INTERVAL", Duration.ofSeconds(30)));
                case "smtp.endpoint" -> url("smtp-url").map(u -> MailServer.smtp("KEFU_MAIL_SMTP_URL", u).endpoint()).orElse(null);
                case "timeout-millis" -> String.valueOf(millis("timeout", "kefu.mail.timeout", Duration.ofSeconds(10)));
                default -> null;
            };
        }

        private java.util.Optional<String> url(String key) {
            String value = getSource().apply(PREFIX + key);
            return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value.strip());
        }

        private long millis(String key, String setting, Duration fallback) {
            String value = getSource().apply(PREFIX + key);
            if (value == null || value.isBlank()) {
                return fallback.toMillis();
            }
            try {
                // As the settings record binds it: ISO-8601 (PT30S) or the simple form (30s).
                return DurationStyle.detectAndParse(value.strip()).toMillis();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(setting + " must be an ISO-8601 duration such as PT30S, not '" + value + "'");
            }
        }
    }
}
