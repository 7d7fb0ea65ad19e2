package io.kefu.channel.callback;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platforms' own test vectors. Sources: the Official Account vectors are those of WxJava's
 * {@code weixin-java-common/src/test/java/me/chanjar/weixin/common/util/crypto/WxCryptUtilTest.java}
 * (binarywang/WxJava at 3e48dc7f, from Tencent's WXBizMsgCrypt Java sample); the WeCom ones are
 * Tencent's WXBizMsgCrypt sample for 企业微信 ("Sample.cs"/"Sample.java": token QDG6eK, CorpID
 * wx5823bf96d3bd56c7), the same algorithm with the CorpID as receiver id; the DingTalk one is the
 * sample in {@code DingCallbackCrypto3.py} of open-dingtalk/DingTalk-Callback-Crypto (DingTalk's
 * official callback crypto samples: token mryue, owner key ding6ccabc44d2c8d38b, timestamp in
 * milliseconds), the same algorithm with the AppKey (CorpID, SuiteKey) as receiver id. Its plain
 * text, {@code {"EventType":"check_url"}}, is not printed in the sample: it was read with an
 * independent implementation (python3 hashlib + openssl enc -aes-256-cbc -nopad) and agrees.
 */
class WxBizMsgCryptTest {

    // WxCryptUtilTest (Official Account)
    private static final String MP_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final String MP_APP_ID = "wxb11529c136998cb6";
    private static final String MP_RANDOM = "aaaabbbbccccdddd";
    private static final String MP_PLAIN = "我是中文abcd123";
    private static final String MP_CIPHER =
            "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";

    // WXBizMsgCrypt sample (WeCom)
    private static final String CP_TOKEN = "QDG6eK";
    private static final String CP_CORP_ID = "wx5823bf96d3bd56c7";
    private static final String CP_AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    private static final String CP_ECHO =
            "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    private static final String CP_MESSAGE = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

    // DingCallbackCrypto3.py (DingTalk event subscription)
    private static final String DT_TOKEN = "mryue";
    private static final String DT_AES_KEY = "Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7";
    private static final String DT_OWNER_KEY = "ding6ccabc44d2c8d38b";
    private static final String DT_SIGNATURE = "03044561471240d4a14bb09372dfcfd4fd0e40cb";
    private static final String DT_TIMESTAMP = "1608001896814";
    private static final String DT_NONCE = "WL4PK6yA";
    private static final String DT_ENCRYPT = "0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3";

    @Test
    void encryptsTheOfficialAccountVectorExactly() {
        assertThat(new WxBizMsgCrypt(MP_AES_KEY, MP_APP_ID).encrypt(MP_RANDOM, MP_PLAIN)).isEqualTo(MP_CIPHER);
    }

    @Test
    void decryptsTheOfficialAccountVector() {
        assertThat(new WxBizMsgCrypt(MP_AES_KEY, MP_APP_ID).decrypt(MP_CIPHER)).isEqualTo(MP_PLAIN);
    }

    @Test
    void refusesTheVectorForAnotherAppId() {
        assertThatThrownBy(() -> new WxBizMsgCrypt(MP_AES_KEY, "wx0000000000000000").decrypt(MP_CIPHER))
                .isInstanceOf(WxBizMsgCrypt.CryptoException.class).hasMessageContaining("receiver");
    }

    @Test
    void aTamperedByteFailsToDecrypt() {
        byte[] bytes = Base64.getDecoder().decode(MP_CIPHER);
        bytes[bytes.length - 1] ^= 0x01;
        String tampered = Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> new WxBizMsgCrypt(MP_AES_KEY, MP_APP_ID).decrypt(tampered))
                .isInstanceOf(WxBizMsgCrypt.CryptoException.class);
    }

    @Test
    void verifiesAndDecryptsTheWeComUrlVerificationVector() {
        assertThat(WxBizMsgCrypt.signatureMatches("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
                CP_TOKEN, "1409659589", "263014780", CP_ECHO)).isTrue();
        assertThat(new WxBizMsgCrypt(CP_AES_KEY, CP_CORP_ID).decrypt(CP_ECHO)).isEqualTo("1616140317555161061");
    }

    @Test
    void verifiesAndDecryptsTheWeComMessageVector() {
        assertThat(WxBizMsgCrypt.signatureMatches("477715d11cdb4164915debcba66cb864d751f3e6",
                CP_TOKEN, "1409659813", "1372623149", CP_MESSAGE)).isTrue();
        String xml = new WxBizMsgCrypt(CP_AES_KEY, CP_CORP_ID).decrypt(CP_MESSAGE);
        assertThat(CallbackXml.fields(xml)).containsEntry("FromUserName", "mycreate")
                .containsEntry("MsgType", "text").containsEntry("Content", "hello");
    }

    @Test
    void aTamperedByteFailsTheSignature() {
        String tampered = CP_MESSAGE.replaceFirst("Ryp", "Ryq");
        assertThat(WxBizMsgCrypt.signatureMatches("477715d11cdb4164915debcba66cb864d751f3e6",
                CP_TOKEN, "1409659813", "1372623149", tampered)).isFalse();
        assertThat(WxBizMsgCrypt.signatureMatches("477715d11cdb4164915debcba66cb864d751f3e7",
                CP_TOKEN, "1409659813", "1372623149", CP_MESSAGE)).isFalse();
    }

    @Test
    void signsAsTheSha1OfTheSortedParts() {
        // WxJava's SHA1Test: SHA1.gen("123", "345")
        assertThat(WxBizMsgCrypt.signature("123", "345")).isEqualTo("9f537aeb751ec72605f57f94a2f6dc3e3958e1dd");
        assertThat(WxBizMsgCrypt.signature("345", "123")).isEqualTo("9f537aeb751ec72605f57f94a2f6dc3e3958e1dd");
    }

    @Test
    void refusesXmlWithADoctype() {
        assertThatThrownBy(() -> CallbackXml.fields("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><A>&e;</A></xml>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifiesAndDecryptsTheDingTalkEventVector() {
        assertThat(WxBizMsgCrypt.signatureMatches(DT_SIGNATURE, DT_TOKEN, DT_TIMESTAMP, DT_NONCE, DT_ENCRYPT)).isTrue();
        assertThat(new WxBizMsgCrypt(DT_AES_KEY, DT_OWNER_KEY).decrypt(DT_ENCRYPT)).isEqualTo("{\"EventType\":\"check_url\"}");
    }

    @Test
    void aTamperedDingTalkByteFailsTheSignatureAndTheDecryption() {
        byte[] bytes = Base64.getDecoder().decode(DT_ENCRYPT);
        bytes[20] ^= 0x01;
        String tampered = Base64.getEncoder().encodeToString(bytes);
        assertThat(WxBizMsgCrypt.signatureMatches(DT_SIGNATURE, DT_TOKEN, DT_TIMESTAMP, DT_NONCE, tampered)).isFalse();
        assertThat(WxBizMsgCrypt.signatureMatches(DT_SIGNATURE, DT_TOKEN, "1608001896815", DT_NONCE, DT_ENCRYPT)).isFalse();
        assertThatThrownBy(() -> new WxBizMsgCrypt(DT_AES_KEY, DT_OWNER_KEY).decrypt(tampered))
                .isInstanceOf(WxBizMsgCrypt.CryptoException.class);
        assertThatThrownBy(() -> new WxBizMsgCrypt(DT_AES_KEY, "dingOtherApp").decrypt(DT_ENCRYPT))
                .isInstanceOf(WxBizMsgCrypt.CryptoException.class).hasMessageContaining("receiver");
    }

    @Test
    void encryptsAndDecryptsDingTalksSuccessAnswerForTheOwnerKey() {
        WxBizMsgCrypt crypto = new WxBizMsgCrypt(DT_AES_KEY, DT_OWNER_KEY);
        String encrypted = crypto.encrypt("0123456789abcdef", "success");
        assertThat(crypto.decrypt(encrypted)).isEqualTo("success");
    }
}
