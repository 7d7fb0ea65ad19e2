package io.kefu.channel.callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The callback signature and encryption Tencent calls WXBizMsgCrypt (公众号 "消息加解密说明", 企业微信
 * "加解密方案说明") and DingTalk took over for its event subscriptions (DingTalk-Callback-Crypto), one
 * implementation for the WeChat Official Account, WeCom and DingTalk. Written with the JDK's crypto
 * rather than WxJava because WxJava's common module brings XStream, Apache HttpClient 4, Gson,
 * Guava and commons libraries for a few dozen lines, and WxJava has no DingTalk.
 *
 * <ul>
 * <li>Signature: the SHA-1 (hex) of the token, timestamp, nonce (and, in safe mode, the
 * {@code Encrypt} text) sorted as strings and concatenated.</li>
 * <li>Encryption: the AES key is the Base64 decoding of {@code EncodingAESKey + "="} (32 bytes);
 * AES-256-CBC, IV = the key's first 16 bytes, PKCS#7 padding to a 32-byte block; the plain text is
 * 16 random bytes, the message's length (4 bytes, network order), the message (UTF-8), and the
 * receiver's id (the Official Account's AppID; WeCom's CorpID; DingTalk's AppKey), which must
 * match.</li>
 * </ul>
 */
public final class WxBizMsgCrypt {

    private static final int BLOCK = 32;

    private final byte[] key;
    private final String receiverId;

    /**
     * @param encodingAesKey the 43-character EncodingAESKey of the platform's settings
     * @param receiverId     the AppID (CorpID, AppKey) a decrypted message must name
     */
    public WxBizMsgCrypt(String encodingAesKey, String receiverId) {
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            throw new IllegalArgumentException("The EncodingAESKey must have 43 characters");
        }
        this.key = Base64.getDecoder().decode(encodingAesKey + "=");
        this.receiverId = receiverId;
    }

    /** The platform's signature of these values (order does not matter: they are sorted). */
    public static String signature(String... parts) {
        String[] sorted = parts.clone();
        Arrays.sort(sorted);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest(String.join("", sorted).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code given} is the signature of the parts, compared in constant time. */
    public static boolean signatureMatches(String given, String... parts) {
        if (given == null) {
            return false;
        }
        return MessageDigest.isEqual(signature(parts).getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Decrypts an {@code Encrypt} text (or a URL verification's {@code echostr}).
     *
     * @throws CryptoException when it is not Base64, does not decrypt, is malformed or names
     *                               another receiver
     */
    public String decrypt(String base64) {
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            plain = cipher.doFinal(Base64.getDecoder().decode(base64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new CryptoException("the message does not decrypt");
        }
        int pad = plain.length == 0 ? 0 : plain[plain.length - 1] & 0xff;
        if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) {
            throw new CryptoException("the decrypted message has a bad padding");
        }
        for (int i = plain.length - pad; i < plain.length; i++) {
            if ((plain[i] & 0xff) != pad) {
                throw new CryptoException("the decrypted message has a bad padding");
            }
        }
        int end = plain.length - pad;
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || 20 + length > end) {
            throw new CryptoException("the decrypted message has a bad length");
        }
        String message = new String(plain, 20, length, StandardCharsets.UTF_8);
        String receiver = new String(plain, 20 + length, end - 20 - length, StandardCharsets.UTF_8);
        if (!receiver.equals(receiverId)) {
            throw new CryptoException("the message is for another receiver id");
        }
        return message;
    }

    /** Encrypts a message with the given 16 random characters (the platform's tests fix them). */
    public String encrypt(String random16, String message) {
        byte[] random = random16.getBytes(StandardCharsets.UTF_8);
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] receiver = receiverId.getBytes(StandardCharsets.UTF_8);
        int length = random.length + 4 + text.length + receiver.length;
        int pad = BLOCK - length % BLOCK;
        ByteBuffer plain = ByteBuffer.allocate(length + pad);
        plain.put(random).putInt(text.length).put(text).put(receiver);
        while (plain.hasRemaining()) {
            plain.put((byte) pad);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A callback that does not decrypt to a message for this receiver. */
    public static final class CryptoException extends RuntimeException {
        CryptoException(String message) {
            super(message);
        }
    }
}
