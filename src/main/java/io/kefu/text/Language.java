package io.kefu.text;

import java.util.Locale;
import java.util.Optional;

/**
 * The two languages Kefu reads customers' text in, each with its own analysis (word segmentation
 * for Chinese, stemming for English). Triage, the knowledge base and the tickets' classification
 * all use this one type and its one reading of a caller's hint. Anything that is not mostly CJK
 * script is read as English (the English analysis is a reasonable default for other Latin-script
 * text too).
 */
public enum Language {
    ZH("zh"),
    EN("en");

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** ISO 639-1 code, as the APIs take and give it and the database stores it ("zh", "en"). */
    public String code() {
        return code;
    }

    /**
     * Reads a caller's language hint: a language tag (BCP 47 "zh-CN", "zh-Hans-CN", "en-US") or a
     * POSIX locale name ("zh_CN", "en_US.UTF-8"), trimmed, in any case. Only the primary language
     * (the part before the first {@code -}, {@code _}, {@code .} or {@code @}) counts: {@code zh},
     * {@code zho}, {@code chi}, {@code cmn} (Mandarin) and {@code yue} (Cantonese) are Chinese;
     * {@code en} and {@code eng} are English. Null, blank or anything else is empty, so that each
     * caller decides: triage and the bot detect the language from the text, the knowledge base
     * refuses an article or a filter in another language.
     *
     * <p>Triage used to accept any hint that merely began with "zh", "cmn", "yue" or "en"
     * ("english", "enx", "zhuang"); the knowledge base only "zh"/"en", alone or followed by
     * {@code -} or {@code _}. Both accepted every hint a client sends in practice, and still do.
     *
     * @param hint the caller's hint; may be null
     */
    public static Optional<Language> parse(String hint) {
        if (hint == null || hint.isBlank()) {
            return Optional.empty();
        }
        String h = hint.trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < h.length() && "-_.@".indexOf(h.charAt(end)) < 0) {
            end++;
        }
        return switch (h.substring(0, end)) {
            case "zh", "zho", "chi", "cmn", "yue" -> Optional.of(ZH);
            case "en", "eng" -> Optional.of(EN);
            default -> Optional.empty();
        };
    }

    /**
     * The language a caller named ({@link #parse}), or the one the text is written in when the
     * hint names none ({@link #detect}).
     */
    public static Language resolve(String hint, String text) {
        return parse(hint).orElseGet(() -> detect(text));
    }

    /**
     * Chinese when at least 30 % of the letters are Han, kana or hangul
     * ({@link CustomerText#isChinese}), English otherwise (also for null or empty text).
     */
    public static Language detect(String text) {
        return CustomerText.isChinese(text) ? ZH : EN;
    }
}
