package io.kefu.ocr.paddle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy CTC decoding of the recogniser's output: at each time step the most probable class;
 * runs of the same class count once and the blank class (index 0) separates them. Classes are
 * the blank, then the dictionary's characters in file order, then a space (PP-OCR's
 * {@code use_space_char}), see {@link #SPACE_HINT}. A line's confidence is the mean probability of
 * the characters kept.
 */
final class CtcDecoder {

    /** A decoded line. */
    record Decoded(String text, double confidence) {
    }

    /**
     * The PP-OCRv4 Chinese model seldom makes the space class the most probable one, even between
     * English words; but across a word gap its probability rises well above its level inside a
     * word. A blank run between two characters, not both Chinese, where the space reached this
     * level becomes a space. Measured on the 419 lines with spaces of the English evaluation set
     * (docs/NLP.md, "OCR"): at 0.001 14 lines got a space inside a word ("P ayment failed": 0.0015
     * between the bold P and a), at 0.003 and 0.005 one line too many and one too few spaces (417
     * exact), at 0.01 three lines lost a space, at 0.02 seven.
     */
    static final float SPACE_HINT = 0.004f;

    private final String[] classes;

    CtcDecoder(List<String> dictionary) {
        classes = new String[dictionary.size() + 2];
        classes[0] = "";
        for (int i = 0; i < dictionary.size(); i++) {
            classes[i + 1] = dictionary.get(i);
        }
        classes[classes.length - 1] = " ";
    }

    /** Reads a dictionary file: one character (or symbol) per line, UTF-8. */
    static CtcDecoder read(InputStream in) throws IOException {
        List<String> chars = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String c = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                chars.add(c.isEmpty() ? " " : c);
            }
        }
        if (chars.isEmpty()) {
            throw new IOException("empty OCR dictionary");
        }
        return new CtcDecoder(chars);
    }

    /** How many classes the recogniser must output per time step. */
    int classCount() {
        return classes.length;
    }

    /**
     * @param probs  the probabilities of {@code steps x classCount()} values, step-major, starting
     *               at {@code offset}
     */
    Decoded decode(float[] probs, int offset, int steps) {
        int c = classes.length;
        int space = c - 1;
        StringBuilder text = new StringBuilder();
        double sum = 0;
        int kept = 0;
        int previous = -1;
        float spaceSince = 0;
        for (int t = 0; t < steps; t++) {
            int base = offset + t * c;
            int best = 0;
            float bestP = probs[base];
            for (int k = 1; k < c; k++) {
                if (probs[base + k] > bestP) {
                    bestP = probs[base + k];
                    best = k;
                }
            }
            if (best != 0 && best != previous) {
                if (best != space && spaceSince >= SPACE_HINT && !text.isEmpty()
                        && text.charAt(text.length() - 1) != ' '
                        && !(isCjk(text.charAt(text.length() - 1)) && isCjk(classes[best].charAt(0)))) {
                    text.append(' ');
                }
                text.append(classes[best]);
                sum += bestP;
                kept++;
                spaceSince = 0;
            } else if (best == 0) {
                spaceSince = Math.max(spaceSince, probs[base + space]);
            }
            previous = best;
        }
        return new Decoded(text.toString().strip(), kept == 0 ? 0 : sum / kept);
    }

    private static boolean isCjk(char ch) {
        Character.UnicodeScript script = Character.UnicodeScript.of(ch);
        return script == Character.UnicodeScript.HAN || (ch >= 0x3000 && ch <= 0x303f)
                || (ch >= 0xff00 && ch <= 0xffef);
    }
}
