package io.kefu.channel.wechat;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.kefu.channel.callback.CallbackGate;
import io.kefu.channel.callback.CallbackXml;
import io.kefu.channel.callback.WxBizMsgCrypt;
import io.kefu.intake.MessageTooLongException;
import io.kefu.security.AuditLog;
import io.kefu.security.AuditOutcome;

/**
 * The Official Account's callback door, {@code /channels/wechat}: public, no login; every request
 * proves it comes from the platform with its signature (plain mode: token, timestamp, nonce; safe
 * mode: the same and the {@code Encrypt} text, as {@code msg_signature}), a timestamp within
 * {@code max-clock-skew} and a nonce not seen before. Anything else is 401 and an audit entry.
 * The message is stored before the answer ("success", well inside the platform's 5 seconds);
 * replies go out later through the customer-service message API ({@link WeChatSender}).
 */
@RestController
class WeChatCallbackController {

    static final String PATH = "/channels/wechat";
    private static final Logger log = LoggerFactory.getLogger(WeChatCallbackController.class);
    private static final int MAX_BODY = 64 * 1024;

    private final WeChatProperties settings;
    private final WeChatInbound inbound;
    private final AuditLog audit;
    private final CallbackGate gate;
    private final WxBizMsgCrypt crypto;

    WeChatCallbackController(WeChatProperties settings, WeChatInbound inbound, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.inbound = inbound;
        this.audit = audit;
        this.gate = new CallbackGate(settings.callbacksPerSecond(), settings.maxClockSkew(), ChronoUnit.SECONDS, clock);
        this.crypto = settings.enabled() && settings.safeMode() ? new WxBizMsgCrypt(settings.aesKey(), settings.appId()) : null;
    }

    /** URL verification: the platform's GET when the server address is saved; answers {@code echostr}. */
    @GetMapping(value = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verify(@RequestParam(required = false) String signature,
            @RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
            @RequestParam(required = false) String echostr) {
        ResponseEntity<String> refused = gate(timestamp, nonce);
        if (refused != null) {
            return refused;
        }
        if (echostr == null || !WxBizMsgCrypt.signatureMatches(signature, settings.token(), timestamp, nonce)) {
            return unauthorized("bad or missing signature on URL verification");
        }
        gate.accepted(timestamp, nonce);
        return ResponseEntity.ok(echostr);
    }

    /** A message or event, in plain or safe mode. */
    @PostMapping(value = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> receive(@RequestParam(required = false) String signature,
            @RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
            @RequestParam(name = "msg_signature", required = false) String msgSignature,
            @RequestBody(required = false) String body) {
        ResponseEntity<String> refused = gate(timestamp, nonce);
        if (refused != null) {
            return refused;
        }
        if (body == null || body.isBlank() || body.length() > MAX_BODY) {
            return ResponseEntity.badRequest().body("body must be the platform's XML of at most 64 KiB");
        }
        Map<String, String> fields;
        if (msgSignature == null) {
            // Plain mode: the signature covers token, timestamp and nonce, so it is checked before
            // the body is read at all.
            if (!WxBizMsgCrypt.signatureMatches(signature, settings.token(), timestamp, nonce)) {
                return unauthorized("bad or missing signature");
            }
            try {
                fields = CallbackXml.fields(body);
            } catch (IllegalArgumentException e) {
                return ResponseEntity.badRequest().body("body must be the platform's XML");
            }
            if (fields.get("Encrypt") != null) {
                return unauthorized("encrypted callback without msg_signature");
            }
        } else {
            // Safe mode: msg_signature covers the Encrypt field, so the envelope is read first (as
            // data only: no DOCTYPE, no entities) and nothing in it is used before the check.
            String encrypted;
            try {
                encrypted = CallbackXml.fields(body).get("Encrypt");
            } catch (IllegalArgumentException e) {
                encrypted = null;
            }
            if (encrypted == null) {
                return unauthorized("msg_signature without an Encrypt field to check it against");
            }
            if (crypto == null) {
                return unauthorized("encrypted callback but no AES key is configured (KEFU_WECHAT_AES_KEY)");
            }
            if (!WxBizMsgCrypt.signatureMatches(msgSignature, settings.token(), timestamp, nonce, encrypted)) {
                return unauthorized("bad or missing msg_signature");
            }
            try {
                fields = CallbackXml.fields(crypto.decrypt(encrypted));
            } catch (WxBizMsgCrypt.CryptoException | IllegalArgumentException e) {
                return unauthorized("encrypted message refused: " + e.getMessage());
            }
        }
        if (!settings.addressedHere(fields.get("ToUserName"))) {
            return ResponseEntity.badRequest().body(fields.get("ToUserName") == null ? "ToUserName is missing"
                    : "ToUserName is not this account (KEFU_WECHAT_ACCOUNT_ID)");
        }
        try {
            inbound.receive(fields);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(e.getMessage());
        } catch (MessageTooLongException e) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(e.getMessage());
        }
        gate.accepted(timestamp, nonce);
        return ResponseEntity.ok("success");
    }

    /** Off, rate limited, stale or replayed: answered before any signature work. */
    private ResponseEntity<String> gate(String timestamp, String nonce) {
        if (!settings.enabled()) {
            return ResponseEntity.notFound().build();
        }
        if (!gate.tryAcquire()) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "1")
                    .body("too many callbacks");
        }
        String refusal = gate.refusal(timestamp, nonce);
        return refusal == null ? null : unauthorized(refusal);
    }

    private ResponseEntity<String> unauthorized(String why) {
        audit.record("anonymous", AuditLog.currentAddress(), "channel.wechat.callback", PATH, AuditOutcome.REFUSED, why);
        log.warn("WeChat callback refused: {}", why);
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body("signature check failed");
    }
}
