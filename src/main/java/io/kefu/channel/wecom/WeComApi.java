package io.kefu.channel.wecom;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import io.kefu.channel.callback.AccessTokens;

/**
 * WeCom's server API as far as Kefu uses it: the access token
 * ({@code GET /cgi-bin/gettoken?corpid&corpsecret}), cached until shortly before it expires (and
 * dropped when the platform says it is invalid), and the application message
 * ({@code POST /cgi-bin/message/send}, text, as the configured AgentId). URLs carrying the secret
 * or the token are never logged or put into error messages.
 */
@Component
class WeComApi {

    /** The platform's codes for an invalid or expired access token: fetch a new one and try again. */
    private static final Set<Integer> TOKEN_INVALID = Set.of(40014, 42001, 41001);
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final WeComProperties settings;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AccessTokens token;

    WeComApi(WeComProperties settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.token = new AccessTokens(clock, MARGIN);
    }

    /** The current access token, fetched when there is none or it is about to expire. */
    String accessToken() throws IOException {
        return token.current(this::fetchToken);
    }

    private AccessTokens.Token fetchToken() throws IOException {
        URI uri = URI.create(settings.apiBase() + "/cgi-bin/gettoken?corpid=" + encode(settings.corpId())
                + "&corpsecret=" + encode(settings.secret()));
        JsonNode answer = call(HttpRequest.newBuilder(uri).GET());
        if (answer.path("errcode").asInt(0) != 0 || !answer.hasNonNull("access_token")) {
            throw new IOException("WeCom gave no access token: errcode " + answer.path("errcode").asInt()
                    + " " + answer.path("errmsg").asText());
        }
        return token.expiringIn(answer.get("access_token").asText(), answer.path("expires_in").asLong(7200));
    }

    /** When the cached token expires, or null when none is cached. */
    Instant tokenExpiresAt() {
        return token.expiresAt();
    }

    /**
     * Sends a text message to a member of the company as the application.
     *
     * @return the platform's errcode (0: sent)
     */
    int sendText(String userId, String text) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.put("touser", userId).put("msgtype", "text").put("agentid", agentId());
        body.putObject("text").put("content", text);
        return send(json.writeValueAsBytes(body));
    }

    /**
     * Sends a file to a member as the application: uploaded as temporary media
     * ({@code /cgi-bin/media/upload}, type {@code image} or {@code file}), then sent as that kind of message.
     *
     * @param type {@code image} or {@code file}
     * @return the platform's errcode (0: sent)
     */
    int sendMedia(String userId, String type, String fileName, String contentType, byte[] bytes) throws IOException {
        JsonNode uploaded = withToken(t -> io.kefu.channel.callback.MediaUpload.post(HttpRequest.newBuilder(URI.create(
                settings.apiBase() + "/cgi-bin/media/upload?access_token=" + t + "&type=" + type)), fileName, contentType, bytes));
        int errcode = uploaded.path("errcode").asInt(0);
        if (errcode != 0 || !uploaded.hasNonNull("media_id")) {
            return errcode != 0 ? errcode : -1;
        }
        ObjectNode body = json.createObjectNode();
        body.put("touser", userId).put("msgtype", type).put("agentid", agentId());
        body.putObject(type).put("media_id", uploaded.get("media_id").asText());
        return send(json.writeValueAsBytes(body));
    }

    private long agentId() throws IOException {
        try {
            return Long.parseLong(settings.agentId().strip());
        } catch (RuntimeException e) {
            throw new IOException("KEFU_WECOM_AGENT_ID must be the application's numeric AgentId");
        }
    }

    private int send(byte[] bytes) throws IOException {
        JsonNode answer = withToken(t -> HttpRequest.newBuilder(URI.create(settings.apiBase() + "/cgi-bin/message/send?access_token=" + t))
                .header("Content-Type", "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        int errcode = answer.path("errcode").asInt(0);
        if (errcode == 0 && !answer.path("invaliduser").asText("").isBlank()) {
            // Accepted, but not for this user (left the company, outside the application's visible range).
            return 81013;
        }
        return errcode;
    }

    /** WeCom's answer to the request built with the access token; once more with a new token when it says the token is invalid. */
    private JsonNode withToken(io.kefu.channel.callback.AccessTokens.Request request) throws IOException {
        JsonNode answer = call(request.with(encode(accessToken())));
        if (TOKEN_INVALID.contains(answer.path("errcode").asInt(0))) {
            token.invalidate();
            answer = call(request.with(encode(accessToken())));
        }
        return answer;
    }

    private JsonNode call(HttpRequest.Builder request) throws IOException {
        HttpResponse<byte[]> response = AccessTokens.send(http, request, "WeCom's API");
        if (response.statusCode() != 200) {
            throw new IOException("WeCom's API answered HTTP " + response.statusCode());
        }
        return json.readTree(response.body());
    }

    private static String encode(String value) {
        return AccessTokens.encode(value);
    }
}
