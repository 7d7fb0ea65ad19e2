package io.kefu.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CustomerTextTest {

    @Test
    void fullWidthAndHalfWidthAndInvisibleCharactersReadTheSame() {
        assertThat(CustomerText.normalize("\uFEFF  ＲＥＦＵＮＤ？！\u200B  please\t\n"))
                .isEqualTo("refund?! please");
        assertThat(CustomerText.normalize(null)).isEmpty();
    }

    @Test
    void aChineseSentenceWithALatinProductNameIsChinese() {
        assertThat(CustomerText.isChinese("App 一登录就闪退")).isTrue();
        assertThat(CustomerText.isChinese("My iPhone 屏幕 is broken, please help me")).isFalse();
        assertThat(CustomerText.isChinese("12345 ?!")).isFalse();
    }
}
