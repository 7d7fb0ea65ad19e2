package io.kefu.triage.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongLongMapTest {

    @Test
    void findsEveryKeyAfterGrowingAndReportsAbsentOnes() {
        LongLongMap map = new LongLongMap(2);
        Map<Long, Long> reference = new HashMap<>();
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long key = random.nextLong();
            map.put(key, i * 3L << 32 | i);
            reference.put(key, i * 3L << 32 | i);
        }

        assertThat(map.size()).isEqualTo(reference.size());
        reference.forEach((key, value) -> assertThat(map.get(key)).isEqualTo(value));
        assertThat(map.get(12345L)).isEqualTo(LongLongMap.ABSENT);
    }

    @Test
    void countsOccurrencesIncludingTheZeroKey() {
        LongLongMap map = new LongLongMap(4);

        map.increment(0);
        map.increment(0);
        map.increment(-1);

        assertThat(map.get(0)).isEqualTo(2L);
        assertThat(map.get(-1)).isEqualTo(1L);
        assertThat(map.size()).isEqualTo(2);
        Map<Long, Long> seen = new HashMap<>();
        map.forEach(seen::put);
        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of(0L, 2L, -1L, 1L));
    }
}
