package io.kefu.channel.callback;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The {@code multipart/form-data} body of the messengers' temporary-media upload
 * ({@code /cgi-bin/media/upload} of WeChat and WeCom): one part named {@code media} with the file's
 * name and type. The name is reduced to characters a header can carry.
 */
public final class MediaUpload {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MediaUpload() {
    }

    /** A POST of the file to {@code request}'s URI. */
    public static HttpRequest.Builder post(HttpRequest.Builder request, String fileName, String contentType, byte[] bytes) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        String boundary = "kefu-" + HexFormat.of().formatHex(nonce);
        String safeName = fileName == null || fileName.isBlank() ? "file" : fileName.replaceAll("[\\r\\n\"\\\\]", "_");
        ByteArrayOutputStream body = new ByteArrayOutputStream(bytes.length + 300);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"" + safeName
                + "\"; filelength=" + bytes.length + "\r\nContent-Type: " + contentType + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }
}
