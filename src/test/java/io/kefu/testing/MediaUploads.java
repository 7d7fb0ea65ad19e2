package io.kefu.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

/**
 * What a loopback messenger platform reads of a temporary-media upload ({@code multipart/form-data}
 * with one part named {@code media}), as WeChat's and WeCom's {@code /cgi-bin/media/upload} do.
 */
public final class MediaUploads {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=([^;\\s]+)");
    private static final Pattern DISPOSITION = Pattern.compile(
            "Content-Disposition: form-data; name=\"media\"; filename=\"([^\"]*)\"");

    /** One uploaded file: the {@code type} of the query, the part's file name and content type, its bytes. */
    public record Upload(String type, String fileName, String contentType, byte[] bytes) {
    }

    private MediaUploads() {
    }

    /**
     * A {@code POST /cgi-bin/media/upload?access_token=…&type=…} call as WeChat and WeCom take it:
     * for another token the answer is errcode 40001, without a file 41005, and null is returned;
     * otherwise the upload is added to {@code uploads} and returned, for the caller to answer with
     * its media id, {@code media-<index in uploads>}.
     */
    public static Upload receive(HttpExchange exchange, String currentToken, List<Upload> uploads) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String query = exchange.getRequestURI().getQuery();
        if (!"POST".equals(exchange.getRequestMethod()) || query == null || !query.startsWith("access_token=" + currentToken + "&")) {
            LoopbackPlatform.answer(exchange, 200, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
            return null;
        }
        Upload upload = read(exchange.getRequestHeaders().getFirst("Content-Type"), query, body);
        if (upload == null || upload.bytes().length == 0) {
            LoopbackPlatform.answer(exchange, 200, "{\"errcode\":41005,\"errmsg\":\"media data missing\"}");
            return null;
        }
        uploads.add(upload);
        return upload;
    }

    /** The upload in {@code body}, or null when it is not a well-formed one. */
    public static Upload read(String contentTypeHeader, String query, byte[] body) {
        Matcher boundary = BOUNDARY.matcher(contentTypeHeader == null ? "" : contentTypeHeader);
        if (!boundary.find()) {
            return null;
        }
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int headersEnd = text.indexOf("\r\n\r\n");
        int end = text.lastIndexOf("\r\n--" + boundary.group(1) + "--");
        Matcher name = DISPOSITION.matcher(text);
        if (headersEnd < 0 || end < headersEnd || !name.find() || !text.startsWith("--" + boundary.group(1) + "\r\n")) {
            return null;
        }
        Matcher type = Pattern.compile("Content-Type: ([^\\r\\n]+)").matcher(text.substring(0, headersEnd));
        String kind = query == null ? null : Arrays.stream(query.split("&")).filter(p -> p.startsWith("type="))
                .map(p -> p.substring(5)).findFirst().orElse(null);
        return new Upload(kind, new String(name.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8),
                type.find() ? type.group(1) : null, Arrays.copyOfRange(body, headersEnd + 4, end));
    }
}
