package io.kefu.security.throttle;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request body read ahead (up to a limit) so a filter can look into it, and the request to pass
 * on, which replays the bytes read and then whatever was left unread. A body over the limit is not
 * looked into: {@link #bytes()} is null and the rest of the chain (the 413 check) sees it whole.
 */
final class BufferedBody {

    private final HttpServletRequest request;
    private final byte[] bytes;

    private BufferedBody(HttpServletRequest request, byte[] bytes) {
        this.request = request;
        this.bytes = bytes;
    }

    static BufferedBody read(HttpServletRequest request, long maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            return new BufferedBody(request, null);
        }
        InputStream in = request.getInputStream();
        byte[] head = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
        if (head.length > maxBytes) {
            return new BufferedBody(new Replaying(request, head, in), null);
        }
        return new BufferedBody(new Replaying(request, head, null), head);
    }

    /** The whole body, or null when it is larger than the limit. */
    byte[] bytes() {
        return bytes;
    }

    /** The request to hand on: its body reads as if nothing had been read. */
    HttpServletRequest request() {
        return request;
    }

    private static final class Replaying extends HttpServletRequestWrapper {

        private final byte[] head;
        private final InputStream rest;

        Replaying(HttpServletRequest request, byte[] head, InputStream rest) {
            super(request);
            this.head = head;
            this.rest = rest;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = rest == null ? new ByteArrayInputStream(head)
                    : new SequenceInputStream(new ByteArrayInputStream(head), rest);
            return new ServletInputStream() {
                private boolean finished;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    finished = b < 0;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    finished = n < 0;
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return finished;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("A replayed body is read blocking");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
