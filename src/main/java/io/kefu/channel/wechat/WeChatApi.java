package io.kefu.channel.wechat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import io.kefu.channel.callback.AccessTokens;

/**
 * The platform's HTTP API as far as Kefu uses it: the access token ({@code GET /cgi-bin/token}),
 * cached until shortly before it expires (and dropped when the platform says it is invalid), and
 * the customer-service text message ({@code POST /cgi-bin/message/custom/send}). URLs carrying
 * the secret or the token are never logged or put into error messages.
 */
@Component
class WeChatApi {

    /** The platform's codes for an invalid or expired access token: fetch a new one and try again. */
    private static final java.util.Set<Integer> TOKEN_INVALID = java.util.Set.of(40001, 40014, 42001);
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final WeChatProperties settings;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AccessTokens token;

    WeChatApi(WeChatProperties settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.token = new AccessTokens(clock, MARGIN);
    }

    /** The current access token, fetched when there is none or it is about to expire. */
    String accessToken() throws IOException {
        return token.current(this::fetchToken);
    }

    private AccessTokens.Token fetchToken() throws IOException {
        URI uri = URI.create(settings.apiBase() + "/cgi-bin/token?grant_type=client_credential&appid="
                + encode(settings.appId()) + "&secret=" + encode(settings.appSecret()));
        JsonNode answer = call(HttpRequest.newBuilder(uri).GET());
        if (!answer.hasNonNull("access_token")) {
            throw new IOException("the platform gave no access token: errcode " + answer.path("errcode").asInt()
                    + " " + answer.path("errmsg").asText());
        }
        return token.expiringIn(answer.get("access_token").asText(), answer.path("expires_in").asLong(7200));
    }

    /** When the cached token expires, or null when none is cached. */
    Instant tokenExpiresAt() {
        return token.expiresAt();
    }

    /**
     * Sends a text message to the customer.
     *
     * @return the platform's errcode (0: sent)
     */
    int sendText(String openId, String text) throws IOException {
        ObjectNode body = json.createObjectNode();
        body.put("touser", openId).put("msgtype", "text").putObject("text").put("content", text);
        return send(json.writeValueAsBytes(body));
    }

    /**
     * Sends an image to the customer: uploaded as temporary media ({@code /cgi-bin/media/upload},
     * type {@code image}), then sent as an image message.
     *
     * @return the platform's errcode (0: sent)
     */
    int sendImage(String openId, String fileName, String contentType, byte[] bytes) throws IOException {
        JsonNode uploaded = withToken(t -> io.kefu.channel.callback.MediaUpload.post(HttpRequest.newBuilder(URI.create(
                settings.apiBase() + "/cgi-bin/media/upload?access_token=" + t + "&type=image")), fileName, contentType, bytes));
        int errcode = uploaded.path("errcode").asInt(0);
        if (errcode != 0 || !uploaded.hasNonNull("media_id")) {
            return errcode != 0 ? errcode : -1;
        }
        ObjectNode body = json.createObjectNode();
        body.put("touser", openId).put("msgtype", "image").putObject("image").put("media_id", uploaded.get("media_id").asText());
        return send(json.writeValueAsBytes(body));
    }

    private int send(byte[] bytes) throws IOException {
        return withToken(t -> HttpRequest.newBuilder(URI.create(settings.apiBase() + "/cgi-bin/message/custom/send?access_token=" + t))
                .header("Content-Type", "application/json; charset=utf-8").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)))
                .path("errcode").asInt(0);
    }

    /** The platform's answer to the request built with the access token; once more with a new token when it says the token is invalid. */
    private JsonNode withToken(AccessTokens.Request request) throws IOException {
        JsonNode answer = call(request.with(encode(accessToken())));
        if (TOKEN_INVALID.contains(answer.path("errcode").asInt(0))) {
            token.invalidate();
            answer = call(request.with(encode(accessToken())));
        }
        return answer;
    }

    private JsonNode call(HttpRequest.Builder request) throws IOException {
        HttpResponse<byte[]> response = AccessTokens.send(http, request, "the platform's API");
        if (response.statusCode() != 200) {
            throw new IOException("the platform's API answered HTTP " + response.statusCode());
        }
        return json.readTree(response.body());
    }

    private static String encode(String value) {
        return AccessTokens.encode(value);
    }
}
