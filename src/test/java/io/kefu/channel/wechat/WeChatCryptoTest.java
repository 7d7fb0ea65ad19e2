package io.kefu.channel.wechat;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The platforms' own test vectors. Sources: the Official Account vectors are those of WxJava's
 * {@code weixin-java-common/src/test/java/me/chanjar/weixin/common/util/crypto/WxCryptUtilTest.java}
 * (binarywang/WxJava at 3e48dc7f, from Tencent's WXBizMsgCrypt Java sample); the WeCom ones are
 * Tencent's WXBizMsgCrypt sample for 企业微信 ("Sample.cs"/"Sample.java": token QDG6eK, CorpID
 * wx5823bf96d3bd56c7), the same algorithm with the CorpID as receiver id.
 */
class WeChatCryptoTest {

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

    @Test
    void encryptsTheOfficialAccountVectorExactly() {
        assertThat(new WeChatCrypto(MP_AES_KEY, MP_APP_ID).encrypt(MP_RANDOM, MP_PLAIN)).isEqualTo(MP_CIPHER);
    }

    @Test
    void decryptsTheOfficialAccountVector() {
        assertThat(new WeChatCrypto(MP_AES_KEY, MP_APP_ID).decrypt(MP_CIPHER)).isEqualTo(MP_PLAIN);
    }

    @Test
    void refusesTheVectorForAnotherAppId() {
        assertThatThrownBy(() -> new WeChatCrypto(MP_AES_KEY, "wx0000000000000000").decrypt(MP_CIPHER))
                .isInstanceOf(WeChatCrypto.WeChatCryptoException.class).hasMessageContaining("receiver");
    }

    @Test
    void aTamperedByteFailsToDecrypt() {
        byte[] bytes = Base64.getDecoder().decode(MP_CIPHER);
        bytes[bytes.length - 1] ^= 0x01;
        String tampered = Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> new WeChatCrypto(MP_AES_KEY, MP_APP_ID).decrypt(tampered))
                .isInstanceOf(WeChatCrypto.WeChatCryptoException.class);
    }

    @Test
    void verifiesAndDecryptsTheWeComUrlVerificationVector() {
        assertThat(WeChatCrypto.signatureMatches("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3",
                CP_TOKEN, "1409659589", "263014780", CP_ECHO)).isTrue();
        assertThat(new WeChatCrypto(CP_AES_KEY, CP_CORP_ID).decrypt(CP_ECHO)).isEqualTo("1616140317555161061");
    }

    @Test
    void verifiesAndDecryptsTheWeComMessageVector() {
        assertThat(WeChatCrypto.signatureMatches("477715d11cdb4164915debcba66cb864d751f3e6",
                CP_TOKEN, "1409659813", "1372623149", CP_MESSAGE)).isTrue();
        String xml = new WeChatCrypto(CP_AES_KEY, CP_CORP_ID).decrypt(CP_MESSAGE);
        assertThat(WeChatXml.fields(xml)).containsEntry("FromUserName", "mycreate")
                .containsEntry("MsgType", "text").containsEntry("Content", "hello");
    }

    @Test
    void aTamperedByteFailsTheSignature() {
        String tampered = CP_MESSAGE.replaceFirst("Ryp", "Ryq");
        assertThat(WeChatCrypto.signatureMatches("477715d11cdb4164915debcba66cb864d751f3e6",
                CP_TOKEN, "1409659813", "1372623149", tampered)).isFalse();
        assertThat(WeChatCrypto.signatureMatches("477715d11cdb4164915debcba66cb864d751f3e7",
                CP_TOKEN, "1409659813", "1372623149", CP_MESSAGE)).isFalse();
    }

    @Test
    void signsAsTheSha1OfTheSortedParts() {
        // WxJava's SHA1Test: SHA1.gen("123", "345")
        assertThat(WeChatCrypto.signature("123", "345")).isEqualTo("9f537aeb751ec72605f57f94a2f6dc3e3958e1dd");
        assertThat(WeChatCrypto.signature("345", "123")).isEqualTo("9f537aeb751ec72605f57f94a2f6dc3e3958e1dd");
    }

    @Test
    void refusesXmlWithADoctype() {
        assertThatThrownBy(() -> WeChatXml.fields("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><A>&e;</A></xml>"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
