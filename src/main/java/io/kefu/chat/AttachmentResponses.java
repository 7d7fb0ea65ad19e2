package io.kefu.chat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * How a file is served, to visitors and agents alike: its detected type, {@code nosniff}, a
 * Content-Security-Policy that runs nothing ({@code sandbox}), and {@code Content-Disposition:
 * attachment} for everything that is not an image.
 */
final class AttachmentResponses {

    private AttachmentResponses() {
    }

    static ResponseEntity<byte[]> serve(AttachmentService attachments, AttachmentService.Stored stored,
            boolean thumbnail) {
        Attachment a = stored.attachment();
        byte[] bytes = attachments.read(stored, thumbnail);
        MediaType type = thumbnail && AttachmentService.thumbnailIsPng(a) ? MediaType.IMAGE_PNG
                : MediaType.parseMediaType(a.contentType());
        ContentDisposition disposition = (a.image() ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(a.name(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("Referrer-Policy", "no-referrer")
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                .body(bytes);
    }
}
