package io.kefu.channel.dingtalk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.kefu.channel.callback.CallbackGate;
import io.kefu.channel.callback.WxBizMsgCrypt;
import io.kefu.intake.MessageTooLongException;
import io.kefu.security.AuditLog;
import io.kefu.security.AuditOutcome;

/**
 * DingTalk's callback door, {@code POST /channels/dingtalk}: public, no login; two kinds of request.
 * <ul>
 * <li><b>Robot messages</b> (headers {@code timestamp} in ms and {@code sign}, JSON body): the sign
 * must be the HMAC of the timestamp with the AppSecret, the timestamp within {@code max-clock-skew}
 * (one hour), and the timestamp with the body's {@code msgId} not seen before; the message is
 * stored before the answer (an empty 200) and replies go out later ({@link DingTalkSender}).</li>
 * <li><b>Encrypted events</b> (query {@code signature}, {@code timestamp} in ms, {@code nonce}, body
 * {@code {"encrypt": …}}): WXBizMsgCrypt with the AppKey as receiver id; answered with
 * {@code "success"} encrypted the same way ({@code msg_signature}, {@code timeStamp},
 * {@code nonce}, {@code encrypt}). {@code check_url} is the address check; other events are
 * recorded once each ({@code dingtalk_event}) and logged.</li>
 * </ul>
 * Anything unsigned, badly signed, stale or replayed is 401 and an audit entry
 * ({@code channel.dingtalk.callback}); nothing is stored.
 */
@RestController
class DingTalkCallbackController {

    static final String PATH = "/channels/dingtalk";
    private static final Logger log = LoggerFactory.getLogger(DingTalkCallbackController.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final DingTalkProperties settings;
    private final DingTalkInbound inbound;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final CallbackGate gate;
    private final WxBizMsgCrypt crypto;
    private final SecureRandom random = new SecureRandom();

    DingTalkCallbackController(DingTalkProperties settings, DingTalkInbound inbound, AuditLog audit, ObjectMapper json,
            JdbcClient jdbc, Clock clock) {
        this.settings = settings;
        this.inbound = inbound;
        this.audit = audit;
        this.json = json;
        this.jdbc = jdbc;
        this.clock = clock;
        this.gate = new CallbackGate(settings.callbacksPerSecond(), settings.maxClockSkew(), ChronoUnit.MILLIS, clock);
        this.crypto = settings.eventsEnabled() ? new WxBizMsgCrypt(settings.aesKey(), settings.appKey()) : null;
    }

    /** A robot message (signed headers) or an encrypted event (signed query). */
    @PostMapping(value = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> receive(@RequestHeader(name = "timestamp", required = false) String headerTimestamp,
            @RequestHeader(name = "sign", required = false) String sign,
            @RequestParam(name = "signature", required = false) String signature,
            @RequestParam(name = "msg_signature", required = false) String msgSignature,
            @RequestParam(name = "timestamp", required = false) String queryTimestamp,
            @RequestParam(required = false) String nonce,
            @RequestBody(required = false) String body) {
        if (!settings.enabled()) {
            return ResponseEntity.notFound().build();
        }
        if (!gate.tryAcquire()) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "1").body("{\"error\":\"too many callbacks\"}");
        }
        if (body == null || body.isBlank() || body.length() > MAX_BODY) {
            return ResponseEntity.badRequest().body("{\"error\":\"body must be DingTalk's JSON of at most 64 KiB\"}");
        }
        if (signature != null || msgSignature != null) {
            return event(signature != null ? signature : msgSignature, queryTimestamp, nonce, body);
        }
        return robot(headerTimestamp, sign, body);
    }

    private ResponseEntity<String> robot(String timestamp, String sign, String body) {
        if (!settings.robotEnabled()) {
            return unauthorized("robot message, but no AppSecret to check it (KEFU_DINGTALK_APP_SECRET)");
        }
        if (timestamp == null || !timestamp.matches("[0-9]{1,15}")
                || !DingTalkRobotSignature.matches(sign, timestamp, settings.appSecret())) {
            return unauthorized("bad or missing robot sign");
        }
        JsonNode message;
        try {
            message = json.readTree(body);
        } catch (Exception e) {
            return ResponseEntity.badRequest().body("{\"error\":\"body must be DingTalk's JSON\"}");
        }
        if (message == null || !message.isObject()) {
            return ResponseEntity.badRequest().body("{\"error\":\"body must be DingTalk's JSON\"}");
        }
        // The sign covers the timestamp only: the same timestamp with the same message is the
        // request replayed.
        String msgId = message.path("msgId").asText("");
        String refusal = gate.refusal(timestamp, "robot:" + msgId);
        if (refusal != null) {
            return unauthorized(refusal);
        }
        String robotCode = message.path("robotCode").asText(null);
        if (robotCode != null && !robotCode.isBlank() && !robotCode.equals(settings.robot())) {
            return ResponseEntity.badRequest().body("{\"error\":\"robotCode is not this robot (KEFU_DINGTALK_APP_KEY)\"}");
        }
        try {
            inbound.receive(message);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(json.createObjectNode().put("error", e.getMessage()).toString());
        } catch (MessageTooLongException e) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .body(json.createObjectNode().put("error", e.getMessage()).toString());
        }
        gate.accepted(timestamp, "robot:" + msgId);
        // An empty answer: DingTalk takes it as "received, no reply in the answer".
        return ResponseEntity.ok().build();
    }

    private ResponseEntity<String> event(String signature, String timestamp, String nonce, String body) {
        if (crypto == null) {
            return unauthorized("encrypted event, but no event subscription is configured (KEFU_DINGTALK_TOKEN, KEFU_DINGTALK_AES_KEY)");
        }
        String refusal = gate.refusal(timestamp, nonce);
        if (refusal != null) {
            return unauthorized(refusal);
        }
        String encrypted;
        try {
            encrypted = json.readTree(body).path("encrypt").asText(null);
        } catch (Exception e) {
            encrypted = null;
        }
        if (encrypted == null) {
            return unauthorized("no encrypt field to check the signature against");
        }
        if (!WxBizMsgCrypt.signatureMatches(signature, settings.token(), timestamp, nonce, encrypted)) {
            return unauthorized("bad or missing event signature");
        }
        String plain;
        JsonNode event;
        try {
            plain = crypto.decrypt(encrypted);
            event = json.readTree(plain);
        } catch (WxBizMsgCrypt.CryptoException e) {
            return unauthorized("encrypted event refused: " + e.getMessage());
        } catch (Exception e) {
            return unauthorized("encrypted event refused: not JSON");
        }
        String type = event.path("EventType").asText("");
        if (!"check_url".equals(type)) {
            record(type, plain);
        }
        gate.accepted(timestamp, nonce);
        return ResponseEntity.ok(success());
    }

    /** Records an event once (DingTalk retries events it got no answer for), and logs it. */
    private void record(String type, String plain) {
        String key = digest(plain);
        try {
            jdbc.sql("INSERT INTO dingtalk_event (event_key, event_type, received_at) VALUES (?, ?, ?)")
                    .params(key, type.length() > 64 ? type.substring(0, 64) : type,
                            Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS))).update();
            log.info("DingTalk event {} received and recorded ({}): Kefu takes messages from the robot, not from events", type, key);
        } catch (DuplicateKeyException repeated) {
            log.info("DingTalk event {} repeated ({}): recorded before", type, key);
        }
    }

    /** DingTalk's expected answer: "success", encrypted and signed with a fresh timestamp and nonce. */
    private String success() {
        String timeStamp = String.valueOf(clock.millis());
        String nonce = randomString(16);
        String encrypt = crypto.encrypt(randomString(16), "success");
        ObjectNode answer = json.createObjectNode()
                .put("msg_signature", WxBizMsgCrypt.signature(settings.token(), timeStamp, nonce, encrypt))
                .put("timeStamp", timeStamp).put("nonce", nonce).put("encrypt", encrypt);
        return answer.toString();
    }

    private String randomString(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ResponseEntity<String> unauthorized(String why) {
        audit.record("anonymous", AuditLog.currentAddress(), "channel.dingtalk.callback", PATH, AuditOutcome.REFUSED, why);
        log.warn("DingTalk callback refused: {}", why);
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body("{\"error\":\"signature check failed\"}");
    }
}
