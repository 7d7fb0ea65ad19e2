package io.kefu.triage.text;

import io.kefu.text.Language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextAnalysisTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            物流怎么还没到？！             | ZH
            where is my parcel?!          | EN
            我的iPhone 15 坏了             | ZH
            My order 订单 is late, why    | EN
            12345                         | EN
            """)
    void detectsChineseByTheShareOfCjkLetters(String text, Language expected) {
        assertThat(Language.detect(text)).isEqualTo(expected);
    }

    @Test
    void segmentsChineseIntoWordsAndKeepsAngryPunctuation() {
        String normalized = TextAnalysis.normalize("物流怎么还没到？！");

        assertThat(TextAnalysis.words(normalized, Language.ZH))
                .containsExactly("物流", "怎么", "还", "没", "到", "?!");
    }

    @Test
    void stemsEnglishWordsButKeepsStopWords() {
        String normalized = TextAnalysis.normalize("Why are my refunds NOT arriving??");

        assertThat(TextAnalysis.words(normalized, Language.EN))
                .containsExactly("why", "ar", "my", "refund", "not", "arriv", "??");
    }

    @Test
    void normalisesWidthCaseByteOrderMarksAndSpaces() {
        assertThat(TextAnalysis.normalize("\uFEFF  ＨＥＬＬＯ，\t世界 ！ "))
                .isEqualTo("hello, 世界 !");
    }
}
