package io.kefu.triage.model;

import java.util.List;

/**
 * The held-out folds of the training part that configurations are compared on: 3 folds under
 * {@value #HOLDOUT_FROM} examples, one 15 % hold-out above (rows in no fold are always trained
 * on). By the hash of each text ({@link DeterministicSplit#position}) with a seed of its own, so
 * the folds never coincide with a caller's split by the same seed, and duplicates share a fold.
 *
 * @param fold  per example its fold, or −1 when it is never held out
 * @param count number of folds
 */
record Folds(int[] fold, int count) {

    static final int HOLDOUT_FROM = 3000;
    private static final int SMALL_FOLDS = 3;
    private static final double HOLDOUT_SHARE = 0.15;

    static Folds of(List<String> texts, long seed) {
        long foldSeed = seed ^ 0x9E3779B97F4A7C15L;
        int n = texts.size();
        int[] fold = new int[n];
        if (n >= HOLDOUT_FROM) {
            for (int i = 0; i < n; i++) {
                fold[i] = DeterministicSplit.position(texts.get(i), foldSeed)
                        < HOLDOUT_SHARE ? 0 : -1;
            }
            return new Folds(fold, 1);
        }
        for (int i = 0; i < n; i++) {
            fold[i] = (int) (DeterministicSplit.position(texts.get(i), foldSeed) * SMALL_FOLDS);
        }
        return new Folds(fold, SMALL_FOLDS);
    }
}
