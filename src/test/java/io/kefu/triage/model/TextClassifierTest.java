package io.kefu.triage.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextClassifierTest {

    static final List<Example> EXAMPLES = List.of(
            Example.of("I want my money back", "refund"), Example.of("refund me please", "refund"),
            Example.of("please refund the order", "refund"), Example.of("money back now", "refund"),
            Example.of("hello there", "greeting"), Example.of("hi, good morning", "greeting"),
            Example.of("hey hello", "greeting"), Example.of("good evening", "greeting"));

    @Test
    void predictsTheSameAfterAWriteAndReadRoundTrip() throws IOException {
        TextClassifier model = ClassifierTrainer.train(EXAMPLES, TrainingOptions.DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(new DataOutputStream(bytes));

        TextClassifier read = read(bytes.toByteArray());

        for (String text : List.of("refund please", "hello", "未知的文字")) {
            assertThat(read.probabilities(text, null)).isEqualTo(model.probabilities(text, null));
        }
    }

    @Test
    void keepsServingModelsSavedInTheFirstFormatWithNgramsAsText() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(1); // format
        out.writeInt(2);
        out.writeUTF("greeting");
        out.writeUTF("refund");
        out.writeBoolean(false);
        out.writeDouble(0.5);
        out.writeDouble(1); // calibration slope
        out.writeDouble(0); // calibration offset
        out.writeUTF("written by the first format");
        for (int option : new int[] {1, 1, 0, 0, 1}) { // word unigrams only
            out.writeInt(option);
        }
        out.writeBoolean(true);
        out.writeInt(2);
        out.writeInt(2);
        out.writeUTF("wrefund");
        out.writeFloat(1);
        out.writeUTF("whello");
        out.writeFloat(1);
        writeFloats(out, 0, 0); // bias
        writeFloats(out, -4, 4, 4, -4); // refund -> refund, hello -> greeting

        TextClassifier model = read(bytes.toByteArray());

        assertThat(model.predict("Refund!", null).get(0).label()).isEqualTo("refund");
        assertThat(model.predict("hello", null).get(0).label()).isEqualTo("greeting");
    }

    private static TextClassifier read(byte[] bytes) throws IOException {
        return TextClassifier.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    private static void writeFloats(DataOutputStream out, float... values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }
}
