package io.kefu.triage.text;

import java.util.Locale;

/**
 * The languages triage tokenises differently. Anything that is not mostly CJK script is handled
 * as English (the English analyzer is a reasonable default for other Latin-script text too).
 */
public enum Language {
    ZH("zh"),
    EN("en");

    /** Share of letters in CJK scripts from which a text counts as Chinese. */
    static final double CJK_RATIO = 0.3;

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

    /** Chinese when at least {@value #CJK_RATIO} of the letters are Han/kana/hangul characters. */
    public static Language detect(String text) {
        if (text == null) {
            return EN;
        }
        int letters = 0;
        int cjk = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                if (isCjk(cp)) {
                    cjk++;
                }
            }
        }
        return letters > 0 && cjk >= CJK_RATIO * letters ? ZH : EN;
    }

    static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }
}
