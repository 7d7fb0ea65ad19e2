package io.kefu.triage.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongIntMapTest {

    @Test
    void findsEveryKeyAfterGrowingAndReportsAbsentOnes() {
        LongIntMap map = new LongIntMap(2);
        Map<Long, Integer> reference = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long key = random.nextLong();
            map.put(key, i);
            reference.put(key, i);
        }

        assertThat(map.size()).isEqualTo(reference.size());
        reference.forEach((key, value) -> assertThat(map.get(key)).isEqualTo(value));
        assertThat(map.get(12345L)).isEqualTo(LongIntMap.ABSENT);
    }

    @Test
    void countsOccurrencesIncludingTheZeroKey() {
        LongIntMap map = new LongIntMap(4);

        map.increment(0);
        map.increment(0);
        map.increment(-1);

        assertThat(map.get(0)).isEqualTo(2);
        assertThat(map.get(-1)).isEqualTo(1);
        assertThat(map.size()).isEqualTo(2);
        Map<Long, Integer> seen = new HashMap<>();
        map.forEach(seen::put);
        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of(0L, 2, -1L, 1));
    }
}
