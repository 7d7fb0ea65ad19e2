package io.kefu.triage.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The held-out folds training compares configurations on. */
class FoldsTest {

    @Test
    void fewerThan3000ExamplesAreCutInto3FoldsAndDuplicatesShareOne() {
        List<String> texts = texts(900);
        texts.add(texts.get(0));

        Folds folds = Folds.of(texts, 42);

        assertThat(folds.count()).isEqualTo(3);
        assertThat(Arrays.stream(folds.fold()).distinct().sorted().toArray()).containsExactly(0, 1, 2);
        assertThat(folds.fold()[texts.size() - 1]).isEqualTo(folds.fold()[0]);
        for (int f = 0; f < 3; f++) {
            int fold = f;
            assertThat(Arrays.stream(folds.fold()).filter(x -> x == fold).count()).isBetween(240L, 360L);
        }
    }

    @Test
    void from3000ExamplesOneHoldOutOfAbout15PercentIsKeptAndTheRestAlwaysTrains() {
        Folds folds = Folds.of(texts(Folds.HOLDOUT_FROM), 42);

        assertThat(folds.count()).isEqualTo(1);
        long heldOut = Arrays.stream(folds.fold()).filter(x -> x == 0).count();
        assertThat(heldOut).isBetween(380L, 520L);
        assertThat(Arrays.stream(folds.fold()).filter(x -> x != 0)).containsOnly(-1);
    }

    @Test
    void anotherSeedCutsOtherFolds() {
        List<String> texts = texts(900);

        assertThat(Folds.of(texts, 1).fold()).isNotEqualTo(Folds.of(texts, 2).fold());
        assertThat(Folds.of(texts, 1).fold()).isEqualTo(Folds.of(texts, 1).fold());
    }

    private static List<String> texts(int n) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            texts.add("message number " + i);
        }
        return texts;
    }
}
