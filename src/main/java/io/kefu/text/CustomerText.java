package io.kefu.text;

import java.text.Normalizer;
import java.util.Locale;

/** Normalisation and language detection shared by triage and the knowledge base. */
public final class CustomerText {

    /**
     * Share of letters in CJK scripts from which a text counts as Chinese: customers mix Latin
     * product names into Chinese sentences ("App 一登录就闪退"), so a majority is not required.
     */
    public static final double CJK_SHARE = 0.3;

    private CustomerText() {
    }

    /**
     * NFKC (full-width to half-width, so "？！" and "?!" become the same), drops byte order marks
     * and zero-width characters, lower-cases, and collapses white space to single spaces without
     * leading or trailing ones.
     */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(s.length());
        boolean space = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\uFEFF' || c == '\u200B' || c == '\u200C' || c == '\u200D') {
                continue;
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (!space) {
                    out.append(' ');
                    space = true;
                }
            } else {
                out.append(c);
                space = false;
            }
        }
        int end = out.length();
        if (end > 0 && out.charAt(end - 1) == ' ') {
            out.setLength(end - 1);
        }
        return out.toString();
    }

    /** Whether at least {@value #CJK_SHARE} of the text's letters are Han, kana or hangul. */
    public static boolean isChinese(String text) {
        if (text == null) {
            return false;
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
        return letters > 0 && cjk >= CJK_SHARE * letters;
    }

    private static boolean isCjk(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }
}
