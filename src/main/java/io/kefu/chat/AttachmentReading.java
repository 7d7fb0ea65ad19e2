package io.kefu.chat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import io.kefu.ocr.ImageReading;
import io.kefu.ocr.ImageText;
import io.kefu.ocr.ImageTextStatus;
import io.kefu.ocr.OcrProperties;
import io.kefu.ocr.ReadersBusyException;

/**
 * Reads the text of images customers attach and keeps it with the attachment
 * ({@code chat_attachment.ocr_*}). Never on a request thread: the images of a ticket's first
 * message are read by the lifecycle ({@code Task_ReadImages}, a job before triage, through
 * {@link #readImagesOf}); an image on a later message after its commit by a background reader; an
 * image whose reader was lost (a node stopped) by the sweep. A reader first claims the row (status
 * READING, in its own short transaction), so two nodes never read one image; a claim older than
 * {@link #staleAfter()} is taken over.
 */
@Service
public class AttachmentReading implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AttachmentReading.class);
    private static final int SWEEP_BATCH = 20;
    /** How long a job waits for a free reader thread before it hands the image on and tries later. */
    static final Duration INLINE_SLOT_WAIT = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final AttachmentService attachments;
    private final ImageReading reading;
    private final Clock clock;
    private final ObjectMapper json;
    private final TransactionTemplate ownTransaction;
    private final Duration staleAfter;
    private final ThreadPoolExecutor background;

    AttachmentReading(JdbcClient jdbc, AttachmentService attachments, ImageReading reading, Clock clock,
            ObjectMapper json, PlatformTransactionManager transactions, OcrProperties settings) {
        this.jdbc = jdbc;
        this.attachments = attachments;
        this.reading = reading;
        this.clock = clock;
        this.json = json;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // a reader waits for a thread (slot wait) and then reads (timeout): a claim older than both
        // and a margin belongs to a reader that is gone
        this.staleAfter = reading.slotWait().plus(settings.timeout()).plusSeconds(30);
        AtomicInteger count = new AtomicInteger();
        this.background = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(100), runnable -> {
                    Thread thread = new Thread(runnable, "ocr-queue-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** How old a READING claim must be before another reader takes it over. */
    public Duration staleAfter() {
        return staleAfter;
    }

    /**
     * Reads the images of the ticket that wait for reading and returns the read images by message
     * id. A job calls this within its lock time, so it reads at most one image itself (bounded by
     * {@code kefu.ocr.timeout}) and waits at most {@link #INLINE_SLOT_WAIT} for a reader thread;
     * any image left waiting is handed to the background reader and the caller tries again later.
     *
     * @throws ImagesStillReadingException while an image of the ticket is not read yet (try again later)
     */
    public Map<Long, MessageImages> readImagesOf(long ticketId) {
        List<Row> rows = imageRows(ticketId);
        if (rows.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> texts = new LinkedHashMap<>();
        Long waiting = null;
        boolean readOne = false;
        for (Row row : rows) {
            ImageTextStatus status = ImageTextStatus.valueOf(row.status());
            if (status == ImageTextStatus.READ) {
                texts.put(row.id(), row.text());
            } else if (!status.isFinal()) {
                Optional<ImageText> read = Optional.empty();
                if (!readOne) {
                    readOne = true;
                    try {
                        read = readOne(row.id(), INLINE_SLOT_WAIT);
                    } catch (ReadersBusyException busy) {
                        readLater(row.id());
                    }
                } else if (status == ImageTextStatus.PENDING) {
                    readLater(row.id());
                }
                if (read.isEmpty()) {
                    waiting = waiting == null ? row.id() : waiting;
                } else if (read.get().status() == ImageTextStatus.READ) {
                    texts.put(row.id(), read.get().text());
                }
            }
        }
        if (waiting != null) {
            throw new ImagesStillReadingException(ticketId, waiting);
        }
        return byMessage(rows, texts);
    }

    /** The images of the ticket's messages with the text read so far (nothing is read here), by message id. */
    public Map<Long, MessageImages> textsByMessage(long ticketId) {
        List<Row> rows = imageRows(ticketId);
        Map<Long, String> texts = new LinkedHashMap<>();
        rows.stream().filter(row -> ImageTextStatus.READ.name().equals(row.status()))
                .forEach(row -> texts.put(row.id(), row.text()));
        return byMessage(rows, texts);
    }

    private List<Row> imageRows(long ticketId) {
        return jdbc.sql("""
                SELECT id, message_id, file_name, ocr_status, ocr_text FROM chat_attachment
                WHERE ticket_id = ? AND ocr_status IS NOT NULL ORDER BY id
                """).param(ticketId).query(AttachmentReading::row).list();
    }

    private static Map<Long, MessageImages> byMessage(List<Row> rows, Map<Long, String> texts) {
        Map<Long, List<String>> names = new LinkedHashMap<>();
        Map<Long, StringBuilder> joined = new LinkedHashMap<>();
        for (Row row : rows) {
            names.computeIfAbsent(row.messageId(), m -> new ArrayList<>()).add(row.fileName());
            String text = texts.get(row.id());
            if (text != null && !text.isBlank()) {
                StringBuilder all = joined.computeIfAbsent(row.messageId(), m -> new StringBuilder());
                all.append(all.isEmpty() ? "" : "\n").append(text);
            }
        }
        Map<Long, MessageImages> images = new LinkedHashMap<>();
        names.forEach((messageId, files) -> images.put(messageId,
                new MessageImages(files, joined.getOrDefault(messageId, new StringBuilder()).toString())));
        return images;
    }

    /**
     * Claims, reads and stores one image.
     *
     * @return what was read, or empty when another reader holds it (or it was read meanwhile)
     */
    Optional<ImageText> readOne(long attachmentId) {
        return readOne(attachmentId, reading.slotWait());
    }

    private Optional<ImageText> readOne(long attachmentId, Duration slotWait) {
        Instant now = clock.instant();
        Integer claimed = ownTransaction.execute(status -> jdbc.sql("""
                UPDATE chat_attachment SET ocr_status = 'READING', ocr_claimed_at = ?
                WHERE id = ? AND (ocr_status = 'PENDING' OR (ocr_status = 'READING' AND ocr_claimed_at < ?))
                """).params(Timestamp.from(now), attachmentId, Timestamp.from(now.minus(staleAfter))).update());
        if (claimed == null || claimed == 0) {
            return Optional.empty();
        }
        ImageText text;
        try {
            String sha = jdbc.sql("SELECT sha256 FROM chat_attachment WHERE id = ?").param(attachmentId)
                    .query(String.class).single();
            byte[] bytes;
            try {
                bytes = attachments.bytes(sha);
            } catch (java.io.UncheckedIOException e) {
                log.warn("Attachment {}: its stored file cannot be read", attachmentId, e);
                bytes = null;
            }
            text = bytes == null ? ImageText.failed("The stored file cannot be read", 0) : reading.read(bytes, slotWait);
        } catch (RuntimeException busyOrBroken) {
            // no reader thread, or the database went away: give the image back for a later reader
            ownTransaction.executeWithoutResult(status -> jdbc.sql(
                    "UPDATE chat_attachment SET ocr_status = 'PENDING', ocr_claimed_at = NULL WHERE id = ? AND ocr_status = 'READING'")
                    .param(attachmentId).update());
            throw busyOrBroken;
        }
        store(attachmentId, text);
        if (text.status() != ImageTextStatus.READ) {
            log.info("Attachment {} not read: {} ({})", attachmentId, text.status(), text.reason());
        }
        return Optional.of(text);
    }

    private void store(long attachmentId, ImageText text) {
        String lines;
        try {
            lines = text.lines().isEmpty() ? null : json.writeValueAsString(text.lines());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String reason = text.reason() == null ? null
                : text.reason().length() > 500 ? text.reason().substring(0, 500) : text.reason();
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                UPDATE chat_attachment SET ocr_status = ?, ocr_text = ?, ocr_lines = ?, ocr_reason = ?, ocr_millis = ?,
                    ocr_read_at = ?, ocr_claimed_at = NULL
                WHERE id = ? AND ocr_status = 'READING'
                """).params(text.status().name(), text.status() == ImageTextStatus.READ ? text.text() : null, lines,
                        reason, text.millis(), Timestamp.from(clock.instant()), attachmentId).update());
    }

    /** An image on a later message: read in the background once its message is committed. */
    @TransactionalEventListener
    void imageAttached(ImageAttached event) {
        readLater(event.attachmentId());
    }

    /**
     * Images nobody reads: their background reader was lost with its node, or its queue was full.
     * Those of a ticket's first message are normally read by the lifecycle long before this.
     */
    @Scheduled(fixedDelayString = "${kefu.ocr.sweep-interval:PT1M}", initialDelayString = "${kefu.ocr.sweep-interval:PT1M}")
    void sweep() {
        Timestamp staleBefore = Timestamp.from(clock.instant().minus(staleAfter));
        jdbc.sql("""
                SELECT id FROM chat_attachment
                WHERE (ocr_status = 'PENDING' AND created_at < ?) OR (ocr_status = 'READING' AND ocr_claimed_at < ?)
                ORDER BY id LIMIT %d
                """.formatted(SWEEP_BATCH)).params(staleBefore, staleBefore).query(Long.class).list()
                .forEach(this::readLater);
    }

    private void readLater(long attachmentId) {
        try {
            background.execute(() -> {
                try {
                    readOne(attachmentId);
                } catch (RuntimeException e) {
                    log.warn("Attachment {} stays waiting to be read: {}", attachmentId, e.toString());
                }
            });
        } catch (RejectedExecutionException full) {
            log.info("Attachment {}: background readers are full, the sweep reads it later", attachmentId);
        }
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("message_id"), rs.getString("file_name"),
                rs.getString("ocr_status"), rs.getString("ocr_text"));
    }

    private record Row(long id, long messageId, String fileName, String status, String text) {
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }
}
