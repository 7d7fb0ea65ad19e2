package io.kefu.chat;

import java.awt.image.BufferedImage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.kefu.conversation.Message;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.ocr.ImageTextStatus;
import io.kefu.ocr.OcrLine;
import io.kefu.ocr.OcrResult;
import io.kefu.ocr.TextRecognizer;
import io.kefu.testing.TestImages;
import io.kefu.ticket.Channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sweep of {@link AttachmentReading} picks up images whose reader was lost: a READING claim
 * older than {@link AttachmentReading#staleAfter()} (its node died mid-read) is taken over and read
 * to the end, while a claim a live reader made moments ago is left to that reader, and two sweeps
 * (two nodes) that find the same lost image read it once. The job executor is off, so nothing but
 * the test's own sweeps reads; the recogniser is a counting test double that tells the images
 * apart by their width (the PP-OCR engine has its own tests). Subclasses run it on H2 and MariaDB.
 */
abstract class LostReaderSweep {

    @Autowired
    AttachmentService attachments;
    @Autowired
    AttachmentReading reading;
    @Autowired
    CustomerService customers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CountingRecognizer recognizer;

    /** A recogniser that takes 300 ms an image and counts its reads by image width. */
    static final class CountingRecognizer implements TextRecognizer {

        final Map<Integer, AtomicInteger> readsByWidth = new ConcurrentHashMap<>();

        @Override
        public OcrResult read(BufferedImage image) {
            readsByWidth.computeIfAbsent(image.getWidth(), w -> new AtomicInteger()).incrementAndGet();
            try {
                Thread.sleep(300); // the time a read takes, so that two readers overlap
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new OcrResult(List.of(new OcrLine("Error E1043 at " + image.getWidth() + " px", 0.93, 10, 10, 300, 30)), 300);
        }

        int reads(int width) {
            return readsByWidth.getOrDefault(width, new AtomicInteger()).get();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Recognizer {

        @Bean
        @Primary
        CountingRecognizer countingRecognizer() {
            return new CountingRecognizer();
        }
    }

    @Test
    void aReadingWhoseReaderWasLostIsTakenUpAgainAndFinishesWhileOneOnALiveReaderIsLeftAlone() throws Exception {
        long lost = image("sweep-lost", 640);
        long live = image("sweep-live", 720);
        Instant liveClaim = Instant.now().minusSeconds(5);
        claim(lost, Instant.now().minus(reading.staleAfter()).minusSeconds(60));
        claim(live, liveClaim);

        reading.sweep();

        await().atMost(Duration.ofSeconds(60)).until(() -> status(lost).equals("READ"));
        AttachmentText text = attachments.textsOf(List.of(messageOf(lost))).get(lost);
        assertThat(text.text()).isEqualTo("Error E1043 at 640 px");
        assertThat(text.lines()).extracting(OcrLine::confidence).containsExactly(0.93);
        assertThat(text.readAt()).isNotNull();
        assertThat(recognizer.reads(640)).as("the lost reading, read once").isEqualTo(1);

        assertThat(status(live)).as("still its live reader's").isEqualTo("READING");
        assertThat(claimedAt(live)).as("its claim untouched").isEqualTo(liveClaim.truncatedTo(ChronoUnit.SECONDS));
        assertThat(reading.readOne(live)).as("another reader cannot claim it").isEmpty();
        assertThat(recognizer.reads(720)).isZero();
    }

    @Test
    void twoSweepsThatFindTheSameLostReadingReadItOnce() throws Exception {
        long lost = image("sweep-twice", 800);
        claim(lost, Instant.now().minus(reading.staleAfter()).minusSeconds(60));

        reading.sweep();
        reading.sweep();

        await().atMost(Duration.ofSeconds(60)).until(() -> status(lost).equals("READ"));
        // the second sweep's reader has either lost the claim already or finds the image read
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> recognizer.reads(800) == 1);
        assertThat(status(lost)).isEqualTo("READ");
    }

    @Test
    void anImageLeftWaitingPastTheStaleTimeIsReadByTheSweep() throws Exception {
        long waiting = image("sweep-pending", 880);
        jdbc.sql("UPDATE chat_attachment SET created_at = ? WHERE id = ?")
                .params(Timestamp.from(Instant.now().minus(reading.staleAfter()).minusSeconds(60)), waiting).update();
        assertThat(status(waiting)).isEqualTo(ImageTextStatus.PENDING.name());

        reading.sweep();

        await().atMost(Duration.ofSeconds(60)).until(() -> status(waiting).equals("READ"));
        assertThat(recognizer.reads(880)).isEqualTo(1);
    }

    /** A customer's first message with a screenshot of this width (waiting: the job executor is off). */
    private long image(String customer, int width) throws Exception {
        String externalId = customer + "-" + System.nanoTime();
        customers.register(externalId, "Li", CustomerTier.STANDARD);
        BufferedImage screenshot = new BufferedImage(width, 400,
                BufferedImage.TYPE_INT_RGB);
        Message message = attachments.fromChannel(Channel.WEB, externalId, null, "error.png",
                TestImages.png(screenshot), null);
        return attachments.of(List.of(message.id())).get(message.id()).get(0).id();
    }

    /** What a reader's claim leaves: READING since {@code at} (whole seconds, as MariaDB keeps them). */
    private void claim(long attachmentId, Instant at) {
        jdbc.sql("UPDATE chat_attachment SET ocr_status = 'READING', ocr_claimed_at = ? WHERE id = ?")
                .params(Timestamp.from(at.truncatedTo(ChronoUnit.SECONDS)), attachmentId).update();
    }

    private String status(long attachmentId) {
        return jdbc.sql("SELECT ocr_status FROM chat_attachment WHERE id = ?").param(attachmentId).query(String.class)
                .single();
    }

    private Instant claimedAt(long attachmentId) {
        return jdbc.sql("SELECT ocr_claimed_at FROM chat_attachment WHERE id = ?").param(attachmentId)
                .query(Timestamp.class).single().toInstant();
    }

    private long messageOf(long attachmentId) {
        return jdbc.sql("SELECT message_id FROM chat_attachment WHERE id = ?").param(attachmentId).query(Long.class)
                .single();
    }
}
