package io.kefu.ocr;

import java.util.List;

/**
 * What reading one image gave: its status, the lines read (for {@link ImageTextStatus#READ}), the
 * reason it was not read (for {@link ImageTextStatus#REFUSED}, {@link ImageTextStatus#FAILED} and
 * {@link ImageTextStatus#OFF}) and how long it took.
 */
public record ImageText(ImageTextStatus status, List<OcrLine> lines, String reason, long millis) {

    public ImageText {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static ImageText read(OcrResult result, long millis) {
        return new ImageText(ImageTextStatus.READ, result.lines(), null, millis);
    }

    public static ImageText refused(String reason, long millis) {
        return new ImageText(ImageTextStatus.REFUSED, List.of(), reason, millis);
    }

    public static ImageText failed(String reason, long millis) {
        return new ImageText(ImageTextStatus.FAILED, List.of(), reason, millis);
    }

    public static ImageText off(String reason) {
        return new ImageText(ImageTextStatus.OFF, List.of(), reason, 0);
    }

    /** The lines' text, one per line, in reading order ("" when nothing was read). */
    public String text() {
        return new OcrResult(lines, millis).text();
    }
}
