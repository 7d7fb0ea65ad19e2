package io.kefu.knowledge;

import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.Nullable;

import io.kefu.text.CustomerText;

/**
 * The languages articles are written and searched in. Each has its own analysis: smartcn word
 * segmentation for Chinese, Porter stemming for English.
 */
public enum KnowledgeLanguage {
    ZH("zh"),
    EN("en");

    private final String code;

    KnowledgeLanguage(String code) {
        this.code = code;
    }

    /** ISO 639-1 code, as the API takes and gives it. */
    public String code() {
        return code;
    }

    /** "zh", "en", with or without a region ("zh-CN", "en_US"), any case; empty otherwise. */
    public static Optional<KnowledgeLanguage> parse(@Nullable String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        if (c.equals("zh") || c.startsWith("zh-") || c.startsWith("zh_")) {
            return Optional.of(ZH);
        }
        if (c.equals("en") || c.startsWith("en-") || c.startsWith("en_")) {
            return Optional.of(EN);
        }
        return Optional.empty();
    }

    /** The language a caller named, or the one the text is written in when none was named. */
    public static KnowledgeLanguage resolve(@Nullable String code, String text) {
        return parse(code).orElseGet(() -> detect(text));
    }

    /** Chinese when at least 30 % of the letters are Han, kana or hangul ({@link CustomerText#isChinese}). */
    public static KnowledgeLanguage detect(@Nullable String text) {
        return CustomerText.isChinese(text) ? ZH : EN;
    }
}
