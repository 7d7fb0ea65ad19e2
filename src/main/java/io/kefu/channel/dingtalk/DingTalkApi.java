package io.kefu.channel.dingtalk;

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

import io.kefu.channel.callback.OutboundQueue.Outcome;

import io.kefu.channel.callback.AccessTokens;

/**
 * DingTalk's APIs as far as Kefu uses them: the application's access token
 * ({@code POST /v1.0/oauth2/accessToken} with AppKey and AppSecret), cached until shortly before
 * it expires and dropped when DingTalk refuses it; a text through a conversation's session webhook
 * (no token: the webhook itself is the credential, valid for the time DingTalk gave); and a text to
 * a member by staff id through the robot API ({@code POST /v1.0/robot/oToMessages/batchSend}).
 * Secrets, tokens and webhook URLs are never logged or put into error messages.
 */
@Component
class DingTalkApi {

    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final DingTalkProperties settings;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AccessTokens token;

    DingTalkApi(DingTalkProperties settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.token = new AccessTokens(clock, MARGIN);
    }

    /** The current access token, fetched when there is none or it is about to expire. */
    String accessToken() throws IOException {
        return token.current(this::fetchToken);
    }

    private AccessTokens.Token fetchToken() throws IOException {
        ObjectNode body = json.createObjectNode().put("appKey", settings.appKey()).put("appSecret", settings.appSecret());
        HttpResponse<byte[]> response = call(post(URI.create(settings.apiBase() + "/v1.0/oauth2/accessToken"), body));
        JsonNode answer = read(response);
        if (response.statusCode() != 200 || !answer.hasNonNull("accessToken")) {
            throw new IOException("DingTalk gave no access token: HTTP " + response.statusCode() + " "
                    + answer.path("code").asText() + " " + answer.path("message").asText());
        }
        return token.expiringIn(answer.get("accessToken").asText(), answer.path("expireIn").asLong(7200));
    }

    /** When the cached token expires, or null when none is cached. */
    Instant tokenExpiresAt() {
        return token.expiresAt();
    }

    /** Sends a text into the conversation the session webhook belongs to. */
    Outcome sendBySessionWebhook(String webhook, String text) throws IOException {
        ObjectNode body = json.createObjectNode().put("msgtype", "text");
        body.putObject("text").put("content", text);
        HttpResponse<byte[]> response = call(post(URI.create(webhook), body));
        if (response.statusCode() >= 500) {
            throw new IOException("DingTalk's session webhook answered HTTP " + response.statusCode());
        }
        JsonNode answer = read(response);
        int errcode = answer.path("errcode").asInt(response.statusCode() == 200 ? 0 : -1);
        if (response.statusCode() == 200 && errcode == 0) {
            return Outcome.delivered();
        }
        return Outcome.retry("session webhook: HTTP " + response.statusCode() + " errcode " + errcode);
    }

    /** Sends a text to one member of the organisation, by staff id, as the robot. */
    Outcome sendToStaff(String staffId, String text) throws IOException {
        ObjectNode body = json.createObjectNode().put("robotCode", settings.robot()).put("msgKey", "sampleText")
                .put("msgParam", json.writeValueAsString(json.createObjectNode().put("content", text)));
        body.putArray("userIds").add(staffId);
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = post(URI.create(settings.apiBase() + "/v1.0/robot/oToMessages/batchSend"), body)
                    .header("x-acs-dingtalk-access-token", accessToken());
            HttpResponse<byte[]> response = call(request);
            if (response.statusCode() >= 500) {
                throw new IOException("DingTalk's robot API answered HTTP " + response.statusCode());
            }
            JsonNode answer = read(response);
            if ((response.statusCode() == 401 || response.statusCode() == 403) && attempt == 1) {
                token.invalidate();
                continue;
            }
            if (response.statusCode() != 200) {
                String code = answer.path("code").asText("HTTP " + response.statusCode());
                return response.statusCode() == 429 ? Outcome.retry("robot API: " + code)
                        : Outcome.refused("robot API: " + code + " " + answer.path("message").asText());
            }
            if (contains(answer.path("invalidStaffIdList"), staffId)) {
                return Outcome.refused("robot API: staff id " + staffId + " is not valid for this robot");
            }
            if (contains(answer.path("flowControlledStaffIdList"), staffId)) {
                return Outcome.retry("robot API: flow controlled");
            }
            return Outcome.delivered();
        }
    }

    private static boolean contains(JsonNode list, String value) {
        for (JsonNode item : list) {
            if (value.equals(item.asText())) {
                return true;
            }
        }
        return false;
    }

    private HttpRequest.Builder post(URI uri, ObjectNode body) throws IOException {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
    }

    private HttpResponse<byte[]> call(HttpRequest.Builder request) throws IOException {
        return AccessTokens.send(http, request, "DingTalk");
    }

    private JsonNode read(HttpResponse<byte[]> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

}
