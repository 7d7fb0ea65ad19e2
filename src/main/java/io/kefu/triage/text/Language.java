package io.kefu.triage.text;

import io.kefu.text.CustomerText;

import java.util.Locale;

/**
 * The languages triage tokenises differently. Anything that is not mostly CJK script is handled
 * as English (the English analyzer is a reasonable default for other Latin-script text too).
 */
public enum Language {
    ZH("zh"),
    EN("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** ISO 639-1 code, as callers pass and receive it ("zh", "en"). */
    public String code() {
        return code;
    }

    /**
     * Resolves a caller's hint ("zh", "zh-CN", "en_US", …); blank or unknown hints fall back to
     * detection on the text.
     */
    public static Language resolve(String hint, String text) {
        if (hint != null && !hint.isBlank()) {
            String h = hint.trim().toLowerCase(Locale.ROOT);
            if (h.startsWith("zh") || h.startsWith("cmn") || h.startsWith("yue")) {
                return ZH;
            }
            if (h.startsWith("en")) {
                return EN;
            }
        }
        return detect(text);
    }

    /** Chinese when at least 30 % of the letters are Han/kana/hangul characters ({@link CustomerText#isChinese}). */
    public static Language detect(String text) {
        return CustomerText.isChinese(text) ? ZH : EN;
    }
}
