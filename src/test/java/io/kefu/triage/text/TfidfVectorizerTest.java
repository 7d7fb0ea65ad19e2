package io.kefu.triage.text;

import io.kefu.text.Language;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class TfidfVectorizerTest {

    static final List<String> TEXTS = List.of("Where is my card?", "my card was declined",
            "退款什么时候到账", "快递怎么还没到？！", "card card card");

    @Test
    void weighsWordAndCharBlocksEquallyInAUnitVector() {
        TfidfVectorizer v = fit(FeatureOptions.DEFAULT);

        SparseVector x = v.transform("my card was declined", Language.EN);

        double norm = 0;
        for (float value : x.values()) {
            norm += value * value;
        }
        assertThat(norm).isCloseTo(1, Offset.offset(1e-5));
        assertThat(x.indices()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void ignoresNgramsItWasNotFittedOn() {
        TfidfVectorizer v = fit(new FeatureOptions(1, 1, 0, 0, 1, true));

        assertThat(v.transform("zebra", Language.EN).size()).isZero();
        assertThat(v.transform("zebra card", Language.EN).size()).isEqualTo(1);
    }

    @Test
    void countsRepeatedNgramsWithSublinearTermFrequency() {
        TfidfVectorizer v = fit(new FeatureOptions(1, 1, 0, 0, 1, true));

        SparseVector once = v.transform("where is", Language.EN);
        SparseVector thrice = v.transform("where where where is", Language.EN);

        // "where" and "is" have the same idf; tf 3 weighs 1 + ln 3 against 1
        assertThat(once.values()[0]).isEqualTo(once.values()[1]);
        assertThat((double) Math.max(thrice.values()[0], thrice.values()[1])
                / Math.min(thrice.values()[0], thrice.values()[1]))
                .isCloseTo(1 + Math.log(3), Offset.offset(1e-5));
    }

    @Test
    void takesNoFeatureFromBeyondTheTextLimit() {
        TfidfVectorizer v = fit(FeatureOptions.DEFAULT.withTextChars(20));

        assertThat(v.transform("my card was declined, where is my card?", Language.EN))
                .isEqualTo(v.transform("my card was declined", Language.EN))
                .isNotEqualTo(v.transform("my card was", Language.EN));
    }

    @Test
    void segmentsOnlyTheLeadingCharactersOfChineseIntoWords() {
        TfidfVectorizer v = fit(new FeatureOptions(1, 1, 0, 0, 1, true, 4, 0));

        // words of "退款什么" only: 退款, 什么 (时候, 到账 are cut off)
        assertThat(v.transform("退款什么时候到账", Language.ZH).size()).isEqualTo(2);
        // English tokenising is cheap and not capped
        assertThat(v.transform("my card was declined", Language.EN).size()).isEqualTo(4);
    }

    @Test
    void readsBackWhatItWritesWithIdenticalVectors() throws IOException {
        TfidfVectorizer v = fit(FeatureOptions.DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        v.write(new DataOutputStream(bytes));

        TfidfVectorizer read = TfidfVectorizer.read(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 2);

        assertThat(read.dimension()).isEqualTo(v.dimension());
        for (String text : TEXTS) {
            Language language = Language.detect(text);
            assertThat(read.transform(text, language)).isEqualTo(v.transform(text, language));
        }
    }

    @Test
    void readsFirstFormatVocabulariesOfNgramTextsInTheirColumnOrder() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        for (int option : new int[] {1, 2, 2, 2, 1}) {
            out.writeInt(option);
        }
        out.writeBoolean(false);
        out.writeInt(2); // word columns
        String[] terms = {"wmy card", "wcard", "cd ", "cca"};
        out.writeInt(terms.length);
        for (String term : terms) {
            out.writeUTF(term);
            out.writeFloat(1);
        }

        TfidfVectorizer v = TfidfVectorizer.read(
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), 1);

        // "my card": word 1-2-grams my, card, "my card"; char_wb 2-grams " m","my","y "," c",
        // "ca","ar","rd","d " -> columns 0 ("my card"), 1 ("card"), 2 ("d "), 3 ("ca")
        SparseVector x = v.transform("My card", Language.EN);
        assertThat(x.indices()).containsExactly(0, 1, 2, 3);
        assertThat(x.values()).containsOnly((float) Math.sqrt(0.25));
    }

    private static TfidfVectorizer fit(FeatureOptions options) {
        return TfidfVectorizer.fit(TEXTS, TEXTS.stream().map(Language::detect).toList(),
                options);
    }
}
