package io.kefu.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageTest {

    @ParameterizedTest
    @CsvSource({
            "zh, ZH", "ZH, ZH", "zh-CN, ZH", "zh_CN, ZH", "zh-Hans, ZH", "zh_Hans, ZH", "zh-Hant-TW, ZH",
            "' zh-cn ', ZH", "zh_CN.UTF-8, ZH", "zho, ZH", "chi, ZH", "cmn, ZH", "cmn-Hans-CN, ZH",
            "yue, ZH", "yue-HK, ZH",
            "en, EN", "EN, EN", "en-US, EN", "en_US, EN", "en-GB, EN", "en_US.UTF-8, EN", "en@euro, EN", "eng, EN"})
    void readsTheLanguageOfTagsAndLocaleNamesInAnyCase(String hint, Language expected) {
        assertThat(Language.parse(hint)).contains(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "fr", "ja-JP", "de_DE", "english", "zhx", "enx", "z", "-zh", "中文"})
    void namesNoLanguageForBlankOrOtherHints(String hint) {
        assertThat(Language.parse(hint)).isEqualTo(Optional.empty());
    }

    @Test
    void fallsBackToTheTextsLanguageWhenTheHintNamesNone() {
        assertThat(Language.resolve(null, "App 一登录就闪退")).isEqualTo(Language.ZH);
        assertThat(Language.resolve("fr", "my card was declined")).isEqualTo(Language.EN);
        assertThat(Language.resolve("en", "退款什么时候到账")).isEqualTo(Language.EN);
        assertThat(Language.detect(null)).isEqualTo(Language.EN);
    }

    @Test
    void givesTheIsoCodeTheApisAndTheDatabaseUse() {
        assertThat(Language.ZH.code()).isEqualTo("zh");
        assertThat(Language.EN.code()).isEqualTo("en");
    }
}
