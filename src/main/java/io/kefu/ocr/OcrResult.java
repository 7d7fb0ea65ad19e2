package io.kefu.ocr;

import java.util.List;
import java.util.stream.Collectors;

/** What a {@link TextRecognizer} read in one image, and how long it took. */
public record OcrResult(List<OcrLine> lines, long millis) {

    public OcrResult {
        lines = List.copyOf(lines);
    }

    /** The lines' text, one per line, in reading order. */
    public String text() {
        return lines.stream().map(OcrLine::text).collect(Collectors.joining("\n"));
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }
}
