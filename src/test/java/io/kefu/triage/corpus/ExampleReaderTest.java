package io.kefu.triage.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kefu.triage.model.Example;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleReaderTest {

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaksAfterAByteOrderMark() throws IOException {
        String csv = "\uFEFFtext,label\n"
                + "\"Hi, where is my order?\",order_status\n"
                + "\"He said \"\"refund\"\", then\nleft\",refund\n"
                + "东西坏了，我要退款,refund\n";

        List<Example> examples = ExampleReader.readCsv(utf8(csv), CsvColumns.DEFAULT);

        assertThat(examples).containsExactly(
                Example.of("Hi, where is my order?", "order_status"),
                Example.of("He said \"refund\", then\nleft", "refund"),
                Example.of("东西坏了，我要退款", "refund"));
    }

    @Test
    void findsLabelColumnsBeforeTheTextByName() throws IOException {
        String waimai = "label,review\n1,很快，好吃\n0,\"送错了，差评\"\n";
        String shopping = "cat,label,review\n书籍,1,\"包装好, 正版\"\n水果,0,烂了\n";

        assertThat(ExampleReader.readCsv(utf8(waimai), new CsvColumns("review", "label")))
                .containsExactly(Example.of("很快，好吃", "1"), Example.of("送错了，差评", "0"));
        assertThat(ExampleReader.readCsv(utf8(shopping), new CsvColumns("review", "cat")))
                .containsExactly(Example.of("包装好, 正版", "书籍"), Example.of("烂了", "水果"));
    }

    @Test
    void fallsBackToWellKnownColumnNamesWhenTheDefaultsAreAbsent() throws IOException {
        String banking77 = "text,category\nI am still waiting on my card?,card_arrival\n";

        assertThat(ExampleReader.readCsv(utf8(banking77), CsvColumns.DEFAULT))
                .containsExactly(Example.of("I am still waiting on my card?", "card_arrival"));
    }

    @Test
    void splitsSeveralLabelsInOneCellAndSkipsEmptyRows() throws IOException {
        String csv = "text,label\n快递太慢了！,shipping_delay|complaint\n,refund\nhello,\n";

        assertThat(ExampleReader.readCsv(utf8(csv), CsvColumns.DEFAULT)).containsExactly(
                new Example("快递太慢了！", List.of("shipping_delay", "complaint")));
    }

    @Test
    void namesTheMissingColumn() {
        assertThatThrownBy(() -> ExampleReader.readCsv(utf8("a,b\nx,y\n"),
                new CsvColumns("review", "cat")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("review");
    }

    @Test
    void readsNluPlusPlusJsonWithMultipleAndMissingIntents() throws IOException {
        String json = "\uFEFF[{\"text\": \"How long does a new pin take?\","
                + " \"intents\": [\"how_long\", \"pin\", \"new\"], \"slots\": {}},"
                + " {\"text\": \"ok, thanks\", \"intents\": []},"
                + " {\"text\": \"where is it\", \"label\": \"order_status\"}]";

        assertThat(ExampleReader.readJson(utf8(json))).containsExactly(
                new Example("How long does a new pin take?", List.of("how_long", "pin", "new")),
                new Example("ok, thanks", List.of()),
                Example.of("where is it", "order_status"));
    }

    @Test
    void readsEveryCsvAndJsonFileOfAFolderInNameOrder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.json"), "[{\"text\":\"t2\",\"intents\":[\"x\",\"y\"]}]");
        Files.writeString(dir.resolve("a.csv"), "text,label\nt1,x\n");
        Files.writeString(dir.resolve("notes.md"), "ignored");

        assertThat(ExampleReader.readFolder(dir, CsvColumns.DEFAULT)).containsExactly(
                Example.of("t1", "x"), new Example("t2", List.of("x", "y")));
        assertThat(ExampleReader.readFolder(dir.resolve("missing"), CsvColumns.DEFAULT)).isEmpty();
    }

    private static InputStream utf8(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
