package io.kefu.channel.dingtalk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code sign} header of a DingTalk robot's message ("机器人接收消息", HTTP mode):
 * Base64(HMAC-SHA256(key = AppSecret, data = timestamp + "\n" + AppSecret)), the timestamp being
 * the {@code timestamp} header in milliseconds. It covers the timestamp only, not the body, which
 * is why the door also refuses a timestamp and message id it saw before and trusts nothing in the
 * body it would call out to (session webhooks are limited to DingTalk's own host).
 */
final class DingTalkRobotSignature {

    private DingTalkRobotSignature() {
    }

    /** The sign for this timestamp. */
    static String sign(String timestamp, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "\n" + appSecret).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code given} is the sign for this timestamp, compared in constant time. */
    static boolean matches(String given, String timestamp, String appSecret) {
        if (given == null || timestamp == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(timestamp, appSecret).getBytes(StandardCharsets.US_ASCII),
                given.strip().getBytes(StandardCharsets.US_ASCII));
    }
}
