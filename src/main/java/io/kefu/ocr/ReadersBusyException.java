package io.kefu.ocr;

import java.time.Duration;

/** Every reader thread stayed busy: the image is not read now and must be tried again later. */
public class ReadersBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ReadersBusyException(int threads, Duration waited) {
        super("All " + threads + " OCR reader threads (kefu.ocr.threads) stayed busy for " + waited);
    }
}
