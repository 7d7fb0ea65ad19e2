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
 */
public record FeatureOptions(int wordMin, int wordMax, int charMin, int charMax, int minDf,
        boolean sublinearTf) {

    /** Word 1–2-grams plus char_wb 2–5-grams, sublinear tf, every feature kept. */
    public static final FeatureOptions DEFAULT = new FeatureOptions(1, 2, 2, 5, 1, true);

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
    }

    /** The same options with another char n-gram range. */
    public FeatureOptions withChars(int min, int max) {
        return new FeatureOptions(wordMin, wordMax, min, max, minDf, sublinearTf);
    }

    /** The same options with another word n-gram range. */
    public FeatureOptions withWords(int min, int max) {
        return new FeatureOptions(min, max, charMin, charMax, minDf, sublinearTf);
    }

    /** The same options with another minimum document frequency. */
    public FeatureOptions withMinDf(int value) {
        return new FeatureOptions(wordMin, wordMax, charMin, charMax, value, sublinearTf);
    }
}
