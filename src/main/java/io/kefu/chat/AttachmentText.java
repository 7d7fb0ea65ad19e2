package io.kefu.chat;

import java.time.Instant;
import java.util.List;

import io.kefu.ocr.ImageTextStatus;
import io.kefu.ocr.OcrLine;

/**
 * The text read in an attached image, as agents and the API see it.
 *
 * @param status where reading stands
 * @param text   the lines' text, one per line ("" until read or when nothing was found)
 * @param lines  each line with its confidence (0..1) and position
 * @param reason why it was not read (refused, failed, off), else null
 * @param millis how long reading took, when it ran
 * @param readAt when it ended, when it did
 */
public record AttachmentText(ImageTextStatus status, String text, List<OcrLine> lines, String reason, Long millis,
        Instant readAt) {

    public AttachmentText {
        lines = lines == null ? List.of() : List.copyOf(lines);
        text = text == null ? "" : text;
    }

    /** The mean confidence of the lines, or null when none were read. */
    public Double confidence() {
        return lines.isEmpty() ? null : lines.stream().mapToDouble(OcrLine::confidence).average().orElse(0);
    }
}
