package io.kefu.ocr;

import java.time.Duration;

/** Reading an image took longer than {@code kefu.ocr.timeout}; the read was abandoned. */
public class OcrTimeoutException extends RuntimeException {

    public OcrTimeoutException(Duration limit, long elapsedMillis) {
        super("reading the image took over " + limit.toMillis() + " ms (abandoned after "
                + elapsedMillis + " ms)");
    }
}
