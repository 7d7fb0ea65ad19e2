package io.kefu.knowledge;

/**
 * How sure the knowledge base is that an article answers a question, in [0, 1). Raw BM25 scores
 * are unbounded and grow with the size of the index, so they cannot carry a threshold. This
 * combines two signals:
 *
 * <ul>
 *   <li><b>evidence</b> E = score / unit, where unit is the idf of a word no article contains
 *       (ln(1 + (N + ½) / ½) for N articles). E counts, in "rarest words fully matched in a
 *       body", how much the article matches; a title match weighs three times. It is squashed
 *       into [0, 1) as <b>strength</b> = 1 − e<sup>−E/{@value #EVIDENCE_SCALE}</sup>, so two such
 *       words give 0.63.</li>
 *   <li><b>margin</b> = (score − runner-up) / score: how clearly the article beats the next best
 *       one; two articles matching equally well mean the question is ambiguous.</li>
 * </ul>
 *
 * <p>confidence = strength × (1 − {@value #MARGIN_WEIGHT} + {@value #MARGIN_WEIGHT} × margin). For any
 * article but the best the margin is 0. Chosen on banking77 and SMP2017 (docs/NLP.md), where it
 * separated right from wrong top answers better than raw BM25, the margin alone, or the score
 * divided by the query's highest reachable score (AUC 0.85 against 0.82, 0.78 and 0.67 on
 * banking77).
 */
public final class AnswerConfidence {

    static final double EVIDENCE_SCALE = 2;
    static final double MARGIN_WEIGHT = 0.5;

    private AnswerConfidence() {
    }

    /**
     * @param score    the article's raw score
     * @param runnerUp the best raw score of any other article (0 when none matched)
     * @param unit     the search's unit (the idf of a word no article contains)
     */
    public static double of(double score, double runnerUp, double unit) {
        if (score <= 0 || unit <= 0) {
            return 0;
        }
        double margin = Math.max(0, Math.min(1, (score - runnerUp) / score));
        return strength(score, unit) * (1 - MARGIN_WEIGHT + MARGIN_WEIGHT * margin);
    }

    /** The evidence part alone, in [0, 1): how well an article matches, whatever else matches. */
    public static double strength(double score, double unit) {
        if (score <= 0 || unit <= 0) {
            return 0;
        }
        return 1 - Math.exp(-score / unit / EVIDENCE_SCALE);
    }
}
