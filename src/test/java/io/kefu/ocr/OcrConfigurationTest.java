package io.kefu.ocr;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.ocr.paddle.OcrEngineProperties;
import io.kefu.ocr.paddle.PaddleOcrRecognizer;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class OcrConfigurationTest {

    @Configuration
    @EnableConfigurationProperties({OcrProperties.class, OcrEngineProperties.class})
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, OcrConfiguration.class);

    @Test
    void providesATextRecognizerThatLoadsNothingAtStart() {
        runner.withPropertyValues("kefu.ocr.engine.angle-classifier=true").run(context -> {
            assertThat(context).hasSingleBean(TextRecognizer.class);
            assertThat(context.getBean(PaddleOcrRecognizer.class).loaded()).isFalse();
            assertThat(context.getBean(OcrEngineProperties.class).angleClassifier()).isTrue();
            assertThat(context.getBean(OcrEngineProperties.class).sideLimit()).isEqualTo(960);
            assertThat(context.getBean(OcrEngineProperties.class).simplifyGraph()).isTrue();
        });
    }

    @Test
    void spreadsAnImagesLinesOverTheThreadsItsShareOfTheProcessorsGives() {
        runner.withPropertyValues("kefu.ocr.threads=1", "kefu.ocr.engine.intra-op-threads=4",
                "kefu.ocr.engine.simplify-graph=false").run(context -> {
            assertThat(context.getBean(PaddleOcrRecognizer.class).lineThreads()).isEqualTo(4);
            assertThat(context.getBean(OcrEngineProperties.class).simplifyGraph()).isFalse();
        });
        runner.withPropertyValues("kefu.ocr.engine.intra-op-threads=4", "kefu.ocr.engine.line-threads=1")
                .run(context -> assertThat(context.getBean(PaddleOcrRecognizer.class).lineThreads()).isEqualTo(1));
    }
}
