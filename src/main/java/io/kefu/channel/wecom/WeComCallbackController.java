package io.kefu.channel.wecom;

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
 * The WeCom application's callback door, {@code /channels/wecom}: public, no login; every request
 * proves it comes from WeCom with {@code msg_signature} (SHA-1 of token, timestamp, nonce and the
 * encrypted text), a timestamp within {@code max-clock-skew} and a nonce not seen before, and its
 * encrypted text must name this company's CorpID. Anything else is 401 and an audit entry
 * ({@code channel.wecom.callback}). The message is stored before the answer (an empty 200, well
 * inside WeCom's 5 seconds); replies go out later through {@link WeComSender}.
 */
@RestController
class WeComCallbackController {

    static final String PATH = "/channels/wecom";
    private static final Logger log = LoggerFactory.getLogger(WeComCallbackController.class);
    private static final int MAX_BODY = 64 * 1024;

    private final WeComProperties settings;
    private final WeComInbound inbound;
    private final AuditLog audit;
    private final CallbackGate gate;
    private final WxBizMsgCrypt crypto;

    WeComCallbackController(WeComProperties settings, WeComInbound inbound, AuditLog audit, Clock clock) {
        this.settings = settings;
        this.inbound = inbound;
        this.audit = audit;
        this.gate = new CallbackGate(settings.callbacksPerSecond(), settings.maxClockSkew(), ChronoUnit.SECONDS, clock);
        this.crypto = settings.enabled() ? new WxBizMsgCrypt(settings.aesKey(), settings.corpId()) : null;
    }

    /** URL verification: WeCom's GET when the callback address is saved; answers the decrypted {@code echostr}. */
    @GetMapping(value = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> verify(@RequestParam(name = "msg_signature", required = false) String msgSignature,
            @RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
            @RequestParam(required = false) String echostr) {
        ResponseEntity<String> refused = gate(timestamp, nonce);
        if (refused != null) {
            return refused;
        }
        if (echostr == null || !WxBizMsgCrypt.signatureMatches(msgSignature, settings.token(), timestamp, nonce, echostr)) {
            return unauthorized("bad or missing msg_signature on URL verification");
        }
        String plain;
        try {
            plain = crypto.decrypt(echostr);
        } catch (WxBizMsgCrypt.CryptoException e) {
            return unauthorized("echostr refused: " + e.getMessage());
        }
        gate.accepted(timestamp, nonce);
        return ResponseEntity.ok(plain);
    }

    /** A message or event: the XML envelope with {@code Encrypt}. */
    @PostMapping(value = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> receive(@RequestParam(name = "msg_signature", required = false) String msgSignature,
            @RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
            @RequestBody(required = false) String body) {
        ResponseEntity<String> refused = gate(timestamp, nonce);
        if (refused != null) {
            return refused;
        }
        if (body == null || body.isBlank() || body.length() > MAX_BODY) {
            return ResponseEntity.badRequest().body("body must be WeCom's XML of at most 64 KiB");
        }
        // msg_signature covers the Encrypt field, so the envelope is read first (as data only: no
        // DOCTYPE, no entities) and nothing in it is used before the check.
        String encrypted;
        try {
            encrypted = CallbackXml.fields(body).get("Encrypt");
        } catch (IllegalArgumentException e) {
            encrypted = null;
        }
        if (encrypted == null) {
            return unauthorized("no Encrypt field to check msg_signature against");
        }
        if (!WxBizMsgCrypt.signatureMatches(msgSignature, settings.token(), timestamp, nonce, encrypted)) {
            return unauthorized("bad or missing msg_signature");
        }
        Map<String, String> fields;
        try {
            fields = CallbackXml.fields(crypto.decrypt(encrypted));
        } catch (WxBizMsgCrypt.CryptoException | IllegalArgumentException e) {
            return unauthorized("encrypted message refused: " + e.getMessage());
        }
        if (!settings.corpId().equals(fields.get("ToUserName"))) {
            return ResponseEntity.badRequest().body("ToUserName is not this company's CorpID (KEFU_WECOM_CORP_ID)");
        }
        if (!settings.forThisAgent(fields.get("AgentID"))) {
            return ResponseEntity.badRequest().body("AgentID is not this application (KEFU_WECOM_AGENT_ID)");
        }
        try {
            inbound.receive(fields);
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(e.getMessage());
        } catch (MessageTooLongException e) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(e.getMessage());
        }
        gate.accepted(timestamp, nonce);
        // An empty answer: WeCom takes it as "received, no passive reply".
        return ResponseEntity.ok("");
    }

    /** Off, rate limited, stale or replayed: answered before any signature work. */
    private ResponseEntity<String> gate(String timestamp, String nonce) {
        if (!settings.enabled()) {
            return ResponseEntity.notFound().build();
        }
        if (!gate.tryAcquire()) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "1").body("too many callbacks");
        }
        String refusal = gate.refusal(timestamp, nonce);
        return refusal == null ? null : unauthorized(refusal);
    }

    private ResponseEntity<String> unauthorized(String why) {
        audit.record("anonymous", AuditLog.currentAddress(), "channel.wecom.callback", PATH, AuditOutcome.REFUSED, why);
        log.warn("WeCom callback refused: {}", why);
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body("signature check failed");
    }
}
