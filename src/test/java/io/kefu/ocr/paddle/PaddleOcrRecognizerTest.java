package io.kefu.ocr.paddle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.kefu.ocr.OcrLine;
import io.kefu.ocr.OcrResult;
import io.kefu.ocr.OcrTimeoutException;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void readsChineseAndEnglishLinesInReadingOrderWithConfidenceAndPlace() {
        BufferedImage image = RenderedText.lines("订单已经付款但是一直没有发货",
                "Error 502: payment gateway timeout", "请尽快处理，谢谢！");
        OcrResult result = ocr.read(image);
        assertThat(result.lines()).extracting(OcrLine::text).containsExactly(
                "订单已经付款但是一直没有发货", "Error 502: payment gateway timeout", "请尽快处理，谢谢！");
        assertThat(result.lines()).allSatisfy(l -> assertThat(l.confidence()).isBetween(0.9, 1.0));
        OcrLine first = result.lines().get(0);
        assertThat(first.x()).isBetween(14, 30);
        assertThat(first.y()).isBetween(16, 30);
        assertThat(first.height()).isBetween(18, 34);
        assertThat(result.lines().get(1).y()).isGreaterThan(first.y() + first.height() / 2);
    }

    @Test
    void readsLightTextOnADarkBackground() {
        BufferedImage image = RenderedText.lines(640, 100, 16, 24, 30, 30, new Color(0xe8, 0xea, 0xed),
                new Color(0x20, 0x21, 0x24), "退款申请已提交 Refund requested");
        assertThat(ocr.read(image).text()).isEqualTo("退款申请已提交 Refund requested");
    }

    @Test
    void servesManyThreadsAtOnceWithTheSameAnswers() throws Exception {
        BufferedImage a = RenderedText.lines("我的快递三天没有更新了");
        BufferedImage b = RenderedText.lines("Card declined at checkout");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> reads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                BufferedImage image = i % 2 == 0 ? a : b;
                reads.add(pool.submit(() -> ocr.read(image).text()));
            }
            for (int i = 0; i < reads.size(); i++) {
                assertThat(reads.get(i).get()).isEqualTo(
                        i % 2 == 0 ? "我的快递三天没有更新了" : "Card declined at checkout");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void findsNothingInABlankImage() {
        assertThat(ocr.read(RenderedText.lines(320, 200, 12, 0, 0, 10, Color.BLACK, Color.WHITE))
                .isEmpty()).isTrue();
    }

    @Test
    void turnsAnUpsideDownLineWithTheAngleClassifier() {
        BufferedImage upright = RenderedText.lines(480, 80, 22, 20, 24, 30, Color.BLACK, Color.WHITE,
                "发票抬头填写错误");
        BufferedImage turned = new BufferedImage(480, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        g.rotate(Math.PI, 240, 40);
        g.drawImage(upright, 0, 0, null);
        g.dispose();
        try (PaddleOcrRecognizer withClassifier = new PaddleOcrRecognizer(OcrModelFiles.classPath(),
                new OcrEngineProperties(1280, true, 0, 0.5, 1, true, 0), 1, null)) {
            assertThat(withClassifier.read(turned).text()).isEqualTo("发票抬头填写错误");
            assertThat(withClassifier.read(upright).text()).isEqualTo("发票抬头填写错误");
        }
    }

    @Test
    void linesSpreadOverThreadsAndTheExportedGraphReadTheSame() {
        String[] texts = {"您好，请问有什么可以帮您", "Order #20931 has not shipped yet", "物流信息三天没有更新",
            "Refund to the original card", "我要申请退货退款", "Tracking: SF1234567890", "谢谢，祝您生活愉快"};
        BufferedImage page = RenderedText.lines(texts);
        OcrEngineProperties d = OcrEngineProperties.defaults();
        try (PaddleOcrRecognizer spread = new PaddleOcrRecognizer(OcrModelFiles.classPath(),
                new OcrEngineProperties(d.sideLimit(), false, 2, d.dropScore(), 1, true, 3), 1, null);
             PaddleOcrRecognizer oneByOne = new PaddleOcrRecognizer(OcrModelFiles.classPath(),
                new OcrEngineProperties(d.sideLimit(), false, 2, d.dropScore(), 1, false, 1), 1, null)) {
            assertThat(spread.lineThreads()).isEqualTo(3);
            assertThat(oneByOne.lineThreads()).isEqualTo(1);
            List<OcrLine> a = spread.read(page).lines();
            List<OcrLine> b = oneByOne.read(page).lines();
            assertThat(a).extracting(OcrLine::text).containsExactly(texts);
            assertThat(b).extracting(OcrLine::text).containsExactly(texts);
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.get(i).confidence()).isCloseTo(b.get(i).confidence(), within(1e-3));
                assertThat(a.get(i).y()).isEqualTo(b.get(i).y());
            }
        }
    }

    @Test
    void abandonsAReadThatOutrunsItsTimeLimit() {
        try (PaddleOcrRecognizer hurried = new PaddleOcrRecognizer(OcrModelFiles.classPath(),
                OcrEngineProperties.defaults(), 1, Duration.ofNanos(1))) {
            assertThatThrownBy(() -> hurried.read(RenderedText.lines("超时")))
                    .isInstanceOf(OcrTimeoutException.class)
                    .hasMessageContaining("took over 0 ms");
        }
    }

    @Test
    void namesTheMissingFileWhenTheModelFolderLacksIt(@TempDir Path empty) {
        try (PaddleOcrRecognizer misconfigured = new PaddleOcrRecognizer(
                OcrModelFiles.of(empty.toString()), OcrEngineProperties.defaults(), 1, null)) {
            assertThatThrownBy(() -> misconfigured.read(RenderedText.lines("x")))
                    .hasMessageContaining(OcrModelFiles.DETECTOR)
                    .hasMessageContaining(empty.toString());
        }
    }

    @Test
    void loadsNothingUntilTheFirstRead() {
        try (PaddleOcrRecognizer fresh = PaddleOcrRecognizer.withDefaults()) {
            assertThat(fresh.loaded()).isFalse();
        }
    }
}
