package io.kefu.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;

import io.kefu.ocr.OcrLine;
import io.kefu.ocr.OcrResult;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaddleOcrRecognizerTest {

    private static PaddleOcrRecognizer ocr;

    @BeforeAll
    static void load() {
        ocr = PaddleOcrRecognizer.withDefaults();
    }

    @AfterAll
    static void close() {
        ocr.close();
    }

    @Test
    void readsChineseAndEnglishLinesInReadingOrder() {
        BufferedImage image = RenderedText.lines("订单已经付款但是一直没有发货", "Error 502: payment gateway timeout",
                "请尽快处理，谢谢！");
        OcrResult result = ocr.read(image);
        System.out.println(result.lines());
        assertThat(result.lines()).extracting(OcrLine::text).containsExactly(
                "订单已经付款但是一直没有发货", "Error 502: payment gateway timeout", "请尽快处理，谢谢！");
        assertThat(result.lines()).allSatisfy(l -> assertThat(l.confidence()).isBetween(0.8, 1.0));
        OcrLine first = result.lines().get(0);
        assertThat(first.x()).isBetween(10, 30);
        assertThat(first.y()).isBetween(15, 30);
    }

    @Test
    void loadsNothingUntilTheFirstRead() {
        try (PaddleOcrRecognizer fresh = PaddleOcrRecognizer.withDefaults()) {
            assertThat(fresh.loaded()).isFalse();
        }
    }
}
