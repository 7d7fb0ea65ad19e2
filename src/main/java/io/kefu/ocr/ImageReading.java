package io.kefu.ocr;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Reads the text of one image's bytes: {@link ImageGate} decodes (or refuses) them on the caller's
 * thread, the {@link TextRecognizer} reads on one of {@code kefu.ocr.threads} reader threads, and
 * the caller waits at most {@code kefu.ocr.timeout} for it. Bad input and a slow or failing
 * recogniser end as a status with a reason, never as an exception: only a caller that cannot get
 * a reader thread within {@link #slotWait()} gets {@link ReadersBusyException} (and tries later).
 */
@Service
public class ImageReading implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ImageReading.class);

    private final OcrProperties settings;
    private final TextRecognizer recognizer;
    private final ImageGate gate;
    private final ExecutorService readers;
    /** One permit per reader thread, given back when the recogniser returns (not when a caller gives up). */
    private final Semaphore slots;

    @Autowired
    ImageReading(OcrProperties settings, ObjectProvider<TextRecognizer> recognizer) {
        this(settings, recognizer.getIfAvailable());
    }

    /** For callers that hold a recogniser (null: none is installed, images are not read). */
    public ImageReading(OcrProperties settings, TextRecognizer recognizer) {
        if (settings.threads() < 1) {
            throw new IllegalArgumentException("kefu.ocr.threads must be at least 1: " + settings.threads());
        }
        this.settings = settings;
        this.recognizer = recognizer;
        this.gate = new ImageGate(settings.maxPixels());
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "ocr-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.readers = Executors.newFixedThreadPool(settings.threads(), threads);
        this.slots = new Semaphore(settings.threads());
    }

    /** The gate that decodes untrusted image bytes within {@code kefu.ocr.max-pixels} (also for thumbnails). */
    public ImageGate gate() {
        return gate;
    }

    /** Whether images are read: OCR is on and a recogniser is installed. */
    public boolean enabled() {
        return settings.enabled() && recognizer != null;
    }

    /** Why images are not read, when they are not. */
    public String offReason() {
        return !settings.enabled() ? "OCR is off (kefu.ocr.enabled=false)" : "No text recognizer is installed";
    }

    /** How long a caller waits for a free reader before giving up for now. */
    public Duration slotWait() {
        return settings.timeout().multipliedBy(2);
    }

    /**
     * Reads one image.
     *
     * @throws ReadersBusyException when every reader stayed busy for {@link #slotWait()}
     */
    public ImageText read(byte[] bytes) {
        return read(bytes, slotWait());
    }

    /**
     * Reads one image, waiting at most {@code slotWait} for a free reader thread (a job that must
     * end within its lock waits briefly and tries again later).
     *
     * @throws ReadersBusyException when every reader stayed busy for {@code slotWait}
     */
    public ImageText read(byte[] bytes, Duration slotWait) {
        if (!enabled()) {
            return ImageText.off(offReason());
        }
        long start = System.nanoTime();
        ImageGate.Decoded decoded;
        try {
            decoded = gate.open(bytes);
        } catch (ImageRefusedException refused) {
            return ImageText.refused(refused.reason(), millisSince(start));
        }
        try {
            if (!slots.tryAcquire(slotWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ReadersBusyException(settings.threads(), slotWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadersBusyException(settings.threads(), slotWait);
        }
        long readStart = System.nanoTime();
        Future<OcrResult> result;
        try {
            result = readers.submit(() -> {
                try {
                    return recognizer.read(decoded.image());
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException rejected) {
            slots.release();
            throw rejected;
        }
        try {
            OcrResult read = result.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return ImageText.read(read, millisSince(start));
        } catch (TimeoutException e) {
            result.cancel(true);
            return ImageText.failed("Reading took longer than " + settings.timeout().toMillis()
                    + " ms (kefu.ocr.timeout)", millisSince(readStart));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OcrTimeoutException) {
                return ImageText.failed("Reading took longer than " + settings.timeout().toMillis()
                        + " ms (kefu.ocr.timeout)", millisSince(readStart));
            }
            log.warn("The text recognizer failed on a {}×{} image", decoded.width(), decoded.height(), e.getCause());
            return ImageText.failed("The text recognizer failed (" + e.getCause().getClass().getSimpleName() + ")",
                    millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            return ImageText.failed("Reading was interrupted", millisSince(start));
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    @Override
    public void destroy() {
        readers.shutdownNow();
    }
}
