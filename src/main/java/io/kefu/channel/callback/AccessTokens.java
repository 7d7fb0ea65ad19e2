package io.kefu.channel.callback;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A platform's access token (WeChat, WeCom, DingTalk), cached until {@code margin} before it
 * expires and dropped when the platform says it is invalid; and the one way the platforms' APIs are
 * called: a 10 s request whose network errors become an {@link IOException} naming the platform,
 * never the URL (it may carry the secret or the token).
 */
public final class AccessTokens {

    /** A platform request built around the current access token (URL-encoded). */
    @FunctionalInterface
    public interface Request {
        java.net.http.HttpRequest.Builder with(String encodedToken);
    }

    /** Fetches a new token from the platform. */
    @FunctionalInterface
    public interface Fetch {
        Token fetch() throws IOException;
    }

    /** A token and when the platform said it expires. */
    public record Token(String value, Instant expiresAt) {
    }

    private final Clock clock;
    private final Duration margin;
    private volatile Token token;

    public AccessTokens(Clock clock, Duration margin) {
        this.clock = clock;
        this.margin = margin;
    }

    /** The current token, fetched when there is none or it is about to expire. */
    public synchronized String current(Fetch fetch) throws IOException {
        Token cached = token;
        if (cached != null && clock.instant().isBefore(cached.expiresAt().minus(margin))) {
            return cached.value();
        }
        token = fetch.fetch();
        return token.value();
    }

    /** A token expiring {@code seconds} from now. */
    public Token expiringIn(String value, long seconds) {
        return new Token(value, clock.instant().plusSeconds(seconds));
    }

    /** Forgets the token (the platform refused it): the next call fetches a new one. */
    public void invalidate() {
        token = null;
    }

    /** When the cached token expires, or null when none is cached. */
    public Instant expiresAt() {
        Token cached = token;
        return cached == null ? null : cached.expiresAt();
    }

    /**
     * Sends a request with a 10 s timeout. A network error becomes "{@code platform} is unreachable"
     * with the error's type only; the answer is returned whatever its status.
     */
    public static HttpResponse<byte[]> send(HttpClient http, HttpRequest.Builder request, String platform)
            throws IOException {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (IOException e) {
            throw new IOException(platform + " is unreachable: " + e.getClass().getSimpleName());
        }
    }

    /** A query parameter's value, URL-encoded (null as empty). */
    public static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
