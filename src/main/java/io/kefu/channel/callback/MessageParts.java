package io.kefu.channel.callback;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a reply into parts a platform accepts, each at most {@code maxBytes} of UTF-8, so a long
 * reply arrives whole, in order, instead of being cut off by the platform (WeCom truncates a text
 * after 2,048 bytes). A cut falls after the last line break of a part, else after its last space,
 * else between two characters (never inside one, never between a surrogate pair).
 */
public final class MessageParts {

    private MessageParts() {
    }

    /** The parts of {@code text}, in order; one part when it fits. */
    public static List<String> split(String text, int maxBytes) {
        if (maxBytes < 4) {
            throw new IllegalArgumentException("a part must hold at least one character (4 bytes)");
        }
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            int fits = 0;
            int bytes = 0;
            while (fits < rest.length()) {
                int codePoint = rest.codePointAt(fits);
                int size = utf8Length(codePoint);
                if (bytes + size > maxBytes) {
                    break;
                }
                bytes += size;
                fits += Character.charCount(codePoint);
            }
            int cut = rest.lastIndexOf('\n', fits - 1) + 1;
            if (cut <= 0) {
                cut = rest.lastIndexOf(' ', fits - 1) + 1;
            }
            if (cut <= 0 || cut < fits / 2) {
                cut = fits;
            }
            String part = rest.substring(0, cut).stripTrailing();
            if (!part.isEmpty()) {
                parts.add(part);
            }
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty() || parts.isEmpty()) {
            parts.add(rest);
        }
        return parts;
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
