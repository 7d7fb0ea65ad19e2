package io.kefu.ocr;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading with the limits around the recogniser: time bound, failure and off end as a status with
 * a reason. The recogniser here is a test double (the PP-OCR engine has its own tests); what is
 * checked is the gate and the bounds.
 */
class ImageReadingTest {

    private static OcrProperties settings(boolean enabled, Duration timeout) {
        return new OcrProperties(enabled, null, 4_000_000, timeout, 1);
    }

    @Test
    void readsTheLinesTheRecogniserFinds() throws Exception {
        TextRecognizer lines = image -> new OcrResult(List.of(new OcrLine("Error 1043", 0.97, 10, 10, 200, 30),
                new OcrLine("支付失败", 0.91, 10, 50, 120, 30)), 5);
        ImageReading reading = new ImageReading(settings(true, Duration.ofSeconds(5)), lines);

        ImageText text = reading.read(io.kefu.testing.TestImages.png(ImageGateTest.screenshot(640, 400)));

        assertThat(text.status()).isEqualTo(ImageTextStatus.READ);
        assertThat(text.text()).isEqualTo("Error 1043\n支付失败");
        assertThat(text.lines()).extracting(OcrLine::confidence).containsExactly(0.97, 0.91);
        reading.destroy();
    }

    @Test
    void aReadOverTheTimeoutFailsWithItsReasonAndTheNextImageIsReadWhenTheSlotIsFree() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TextRecognizer slowOnce = image -> {
            if (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new OcrResult(List.of(new OcrLine("ok", 0.9, 0, 0, 1, 1)), 1);
        };
        ImageReading reading = new ImageReading(settings(true, Duration.ofMillis(200)), slowOnce);
        byte[] image = io.kefu.testing.TestImages.png(ImageGateTest.screenshot(320, 200));

        ImageText slow = reading.read(image);
        release.countDown();

        assertThat(slow.status()).isEqualTo(ImageTextStatus.FAILED);
        assertThat(slow.reason()).isEqualTo("Reading took longer than 200 ms (kefu.ocr.timeout)");
        assertThat(reading.read(image).status()).isEqualTo(ImageTextStatus.READ);
        reading.destroy();
    }

    @Test
    void aRecogniserErrorFailsTheImageNotTheCaller() throws Exception {
        ImageReading reading = new ImageReading(settings(true, Duration.ofSeconds(5)), image -> {
            throw new IllegalStateException("model broken");
        });

        ImageText text = reading.read(io.kefu.testing.TestImages.png(ImageGateTest.screenshot(320, 200)));

        assertThat(text.status()).isEqualTo(ImageTextStatus.FAILED);
        assertThat(text.reason()).isEqualTo("The text recognizer failed (IllegalStateException)");
        reading.destroy();
    }

    @Test
    void aBombIsRefusedBeforeTheRecogniserSeesIt() {
        ImageReading reading = new ImageReading(settings(true, Duration.ofSeconds(5)), image -> {
            throw new AssertionError("never called");
        });

        ImageText text = reading.read(io.kefu.testing.TestImages.pngWithHeader(100_000, 100_000));

        assertThat(text.status()).isEqualTo(ImageTextStatus.REFUSED);
        assertThat(text.reason()).contains("decompression bomb");
        reading.destroy();
    }

    @Test
    void offByConfigurationReadsNothing() throws Exception {
        ImageReading reading = new ImageReading(settings(false, Duration.ofSeconds(5)), image -> {
            throw new AssertionError("never called");
        });

        assertThat(reading.enabled()).isFalse();
        ImageText text = reading.read(io.kefu.testing.TestImages.png(ImageGateTest.screenshot(320, 200)));
        assertThat(text.status()).isEqualTo(ImageTextStatus.OFF);
        assertThat(text.reason()).isEqualTo("OCR is off (kefu.ocr.enabled=false)");
        reading.destroy();
    }
}
