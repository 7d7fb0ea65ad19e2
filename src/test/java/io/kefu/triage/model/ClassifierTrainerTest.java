package io.kefu.triage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTrainerTest {

    static final List<Example> SINGLE = List.of(
            Example.of("I want my money back", "refund"), Example.of("refund me please", "refund"),
            Example.of("please refund the order", "refund"), Example.of("money back now", "refund"),
            Example.of("hello there", "greeting"), Example.of("hi, good morning", "greeting"),
            Example.of("hey hello", "greeting"), Example.of("good evening", "greeting"),
            Example.of("where is my parcel", "order_status"),
            Example.of("has my order shipped", "order_status"),
            Example.of("track my parcel", "order_status"),
            Example.of("when does my order arrive", "order_status"));

    @Test
    void trainsOneCrammerSingerModelOverAllLabelsOfSingleLabelData() {
        ClassifierTrainer.Result result = ClassifierTrainer.train(SINGLE, options(
                Solver.CRAMMER_SINGER), m -> { });
        TextClassifier model = result.classifier();

        assertThat(result.solver()).isEqualTo(Solver.CRAMMER_SINGER);
        assertThat(model.predict("refund my money please", null).get(0).label())
                .isEqualTo("refund");
        assertThat(model.predict("hello, good morning", null).get(0).label())
                .isEqualTo("greeting");
        assertThat(model.predict("where is my order", null).get(0).label())
                .isEqualTo("order_status");
        double sum = 0;
        for (double p : model.probabilities("where is my order", null)) {
            sum += p;
        }
        assertThat(sum).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void leavesCrammerSingerOutOfTheGridForMultiLabelData() {
        List<Example> multi = new ArrayList<>(SINGLE);
        multi.add(new Example("refund me, where is my parcel", List.of("refund", "order_status")));
        List<String> progress = new ArrayList<>();

        ClassifierTrainer.Result result = ClassifierTrainer.train(multi,
                options(Solver.CRAMMER_SINGER, Solver.LINEAR_SVM), progress::add);

        assertThat(result.solver()).isEqualTo(Solver.LINEAR_SVM);
        assertThat(progress).anyMatch(m -> m.contains("CRAMMER_SINGER skipped"));
        assertThatThrownBy(() -> ClassifierTrainer.train(multi, options(Solver.CRAMMER_SINGER),
                m -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multi-label");
    }

    private static TrainingOptions options(Solver... solvers) {
        return TrainingOptions.DEFAULT.withGrid(List.of(solvers), List.of(1.0, 2.0));
    }
}
