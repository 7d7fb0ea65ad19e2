package io.kefu.ocr;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kefu.ocr.*}: reading the text in images customers attach.
 *
 * @param enabled   whether attached images are read at all ({@code KEFU_OCR_ENABLED})
 * @param modelDir  a folder holding the PP-OCR model files; unset means the ones on the class path
 * @param maxPixels images with more pixels are downscaled before reading; images whose header
 *                  announces far more (a decompression bomb) are refused unread
 * @param timeout   the most time one image may take; a slower read is abandoned with a reason
 * @param threads   how many images are read at once on this node
 */
@ConfigurationProperties("kefu.ocr")
public record OcrProperties(
        @DefaultValue("true") boolean enabled,
        String modelDir,
        @DefaultValue("4000000") long maxPixels,
        @DefaultValue("PT10S") Duration timeout,
        @DefaultValue("1") int threads) {
}
