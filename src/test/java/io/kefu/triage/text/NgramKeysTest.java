package io.kefu.triage.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys computed in place stand for exactly the n-grams the String-based analysis produces. */
class NgramKeysTest {

    @ParameterizedTest(name = "\"{0}\" {1}-{2}")
    @CsvSource(delimiter = '|', textBlock = """
            ab c                         | 2 | 3
            a                            | 2 | 5
            where is my card?!           | 2 | 5
            物流怎么还没到?! 快点         | 1 | 6
            emoji 😀 counts as one letter | 2 | 4
            abcdef                       | 6 | 6
            """)
    void charWbKeysAreTheKeysOfTheScikitLearnCharWbNgramsInOrder(String text, int min,
            int max) {
        String normalized = TextAnalysis.normalize(text);
        List<Long> expected = new ArrayList<>();
        TextAnalysis.charWbNgrams(normalized, min, max,
                gram -> expected.add(NgramKeys.charGram(gram)));
        int[] padded = (" " + normalized + " ").codePoints().toArray();
        NgramKeys.Keys keys = new NgramKeys.Keys();

        NgramKeys.charWbNgrams(padded, padded.length, min, max, keys);

        assertThat(sorted(keys)).containsExactlyElementsOf(expected.stream().sorted().toList());
    }

    @ParameterizedTest(name = "{1}-{2}")
    @CsvSource({"1,1", "1,2", "2,3", "1,3"})
    void wordKeysAreTheKeysOfTheSpaceJoinedTokenNgrams(int min, int max) {
        List<String> tokens = List.of("why", "not", "my", "card", "?!");
        List<Long> expected = new ArrayList<>();
        for (int n = min; n <= max; n++) {
            for (int i = 0; i + n <= tokens.size(); i++) {
                expected.add(NgramKeys.wordGram(String.join(" ", tokens.subList(i, i + n))));
            }
        }
        NgramKeys.Keys tokenKeys = new NgramKeys.Keys();
        tokens.forEach(t -> tokenKeys.add(NgramKeys.token(t, 0, t.length())));
        NgramKeys.Keys keys = new NgramKeys.Keys();

        NgramKeys.wordNgrams(tokenKeys.values, tokenKeys.size, min, max, keys);

        assertThat(sorted(keys)).containsExactlyElementsOf(expected.stream().sorted().toList());
    }

    @ParameterizedTest
    @CsvSource({"ab,ba", "a b,ab", "abc,abd"})
    void distinctNgramsGetDistinctKeysAndWordsNeverShareKeysWithChars(String a, String b) {
        assertThat(NgramKeys.charGram(a)).isNotEqualTo(NgramKeys.charGram(b));
        assertThat(NgramKeys.wordGram(a)).isNotEqualTo(NgramKeys.wordGram(b));
        assertThat(NgramKeys.wordGram(a)).isNotEqualTo(NgramKeys.charGram(a));
    }

    private static List<Long> sorted(NgramKeys.Keys keys) {
        List<Long> list = new ArrayList<>();
        for (int i = 0; i < keys.size; i++) {
            list.add(keys.values[i]);
        }
        return list.stream().sorted().toList();
    }
}
