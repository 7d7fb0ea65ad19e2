package io.kefu.triage.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The ONNX input contract: scikit-learn's HashingVectorizer(analyzer="char_wb"). */
class HashedNgramVectorizerTest {

    @Test
    void bucketsByMurmur3OfTheUtf8BytesLikeScikitLearn() {
        HashedNgramVectorizer v = new HashedNgramVectorizer(1 << 20, 1, 1);

        // published MurmurHash3_x86_32 vectors (seed 0): "hello" = 0x248bfa47,
        // "The quick brown fox jumps over the lazy dog" = 0x2e4ff723
        assertThat(v.bucket("hello")).isEqualTo(0x248bfa47 % (1 << 20));
        assertThat(v.bucket("The quick brown fox jumps over the lazy dog"))
                .isEqualTo(0x2e4ff723 % (1 << 20));
        assertThat(v.bucket("")).isZero();
    }

    @Test
    void countsCharWbNgramsAndNormalisesToUnitLength() {
        HashedNgramVectorizer v = new HashedNgramVectorizer(1 << 20, 2, 2);

        SparseVector x = v.transform("aa aa");

        // " aa " twice: " a", "aa", "a " each twice -> three equal values of 1/sqrt(3)
        assertThat(x.size()).isEqualTo(3);
        for (float value : x.values()) {
            assertThat((double) value).isCloseTo(1 / Math.sqrt(3), Offset.offset(1e-6));
        }
        assertThat(x.indices()).contains(v.bucket(" a"), v.bucket("aa"), v.bucket("a "));
    }

    @Test
    void treatsFullWidthAndUpperCaseLikeTheirPlainForms() {
        HashedNgramVectorizer v = new HashedNgramVectorizer(4096, 1, 3);

        assertThat(v.transform("ＲＥＦＵＮＤ？！")).isEqualTo(v.transform("refund?!"));
    }

    @Test
    void emitsScikitLearnCharWbNgrams() {
        List<String> grams = new ArrayList<>();

        TextAnalysis.charWbNgrams("ab  c", 2, 3, grams::add);

        // sklearn: " ab " -> " a","ab","b "," ab","ab "; " c " -> " c","c "," c "
        assertThat(grams).containsExactly(" a", "ab", "b ", " ab", "ab ", " c", "c ", " c ");
    }
}
