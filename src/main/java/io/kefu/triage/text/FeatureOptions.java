package io.kefu.triage.text;

/**
 * How texts become TF-IDF features.
 *
 * @param wordMin     smallest word n-gram (1 = unigrams)
 * @param wordMax     largest word n-gram; 0 switches word features off
 * @param charMin     smallest char_wb n-gram
 * @param charMax     largest char_wb n-gram; 0 switches char features off
 * @param minDf       a feature must occur in at least this many training texts
 * @param sublinearTf use 1 + ln(tf) instead of raw counts
 * @param wordChars   Chinese word n-grams come from at most this many leading characters of
 *                    the normalised text (0: no limit of their own). smartcn's segmentation costs
 *                    about 2 µs per character, several times what char n-grams cost, so this
 *                    bounds the cost of long texts; English tokenising is cheap and not capped.
 * @param textChars   no feature comes from beyond this many leading characters of the
 *                    normalised text (0: all of it)
 */
public record FeatureOptions(int wordMin, int wordMax, int charMin, int charMax, int minDf,
        boolean sublinearTf, int wordChars, int textChars) {

    /**
     * Word 1–2-grams plus char_wb 2–5-grams, sublinear tf, every feature kept; Chinese words from
     * the first 100 characters, nothing beyond the first 256 (customer messages rarely reach
     * either; on long reviews neither costs accuracy, see docs/NLP.md).
     */
    public static final FeatureOptions DEFAULT =
            new FeatureOptions(1, 2, 2, 5, 1, true, 100, 256);

    public FeatureOptions {
        if (wordMax > 0 && (wordMin < 1 || wordMin > wordMax)) {
            throw new IllegalArgumentException("word n-gram range " + wordMin + "-" + wordMax);
        }
        if (charMax > 0 && (charMin < 1 || charMin > charMax)) {
            throw new IllegalArgumentException("char n-gram range " + charMin + "-" + charMax);
        }
        if (wordMax <= 0 && charMax <= 0) {
            throw new IllegalArgumentException("no features: both n-gram ranges are off");
        }
        if (minDf < 1) {
            throw new IllegalArgumentException("minDf must be at least 1");
        }
        if (wordChars < 0 || textChars < 0) {
            throw new IllegalArgumentException("character limits must be 0 (none) or positive");
        }
    }

    /** Options whose features cover the whole text. */
    public FeatureOptions(int wordMin, int wordMax, int charMin, int charMax, int minDf,
            boolean sublinearTf) {
        this(wordMin, wordMax, charMin, charMax, minDf, sublinearTf, 0, 0);
    }

    /** The same options with another char n-gram range. */
    public FeatureOptions withChars(int min, int max) {
        return new FeatureOptions(wordMin, wordMax, min, max, minDf, sublinearTf, wordChars,
                textChars);
    }

    /** The same options with another word n-gram range. */
    public FeatureOptions withWords(int min, int max) {
        return new FeatureOptions(min, max, charMin, charMax, minDf, sublinearTf, wordChars,
                textChars);
    }

    /** The same options with another minimum document frequency. */
    public FeatureOptions withMinDf(int value) {
        return new FeatureOptions(wordMin, wordMax, charMin, charMax, value, sublinearTf,
                wordChars, textChars);
    }

    /** The same options with another cap on the characters word n-grams come from. */
    public FeatureOptions withWordChars(int value) {
        return new FeatureOptions(wordMin, wordMax, charMin, charMax, minDf, sublinearTf, value,
                textChars);
    }

    /** The same options with another cap on the characters any feature comes from. */
    public FeatureOptions withTextChars(int value) {
        return new FeatureOptions(wordMin, wordMax, charMin, charMax, minDf, sublinearTf,
                wordChars, value);
    }
}
