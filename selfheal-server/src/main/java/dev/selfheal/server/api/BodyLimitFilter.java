package dev.selfheal.server.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * One size limit for every request body, sent with a {@code Content-Length} or chunked: a body
 * over {@link #MAX_BYTES} is answered 413 before any route reads it. Javalin's own limit looks at
 * {@code Content-Length} only, so a chunked body of any size went through (a 100 MB ingest was
 * read whole into memory). A chunked body is read here up to one byte past the limit and handed
 * on from memory.
 */
public final class BodyLimitFilter implements Filter {

    /** The most bytes a request body may have (1 MB, what Javalin allows with a Content-Length). */
    static final int MAX_BYTES = 1_000_000;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        long declared = http.getContentLengthLong();
        if (declared > MAX_BYTES) {
            tooLarge((HttpServletResponse) response, declared + " bytes");
            return;
        }
        boolean chunked = declared < 0 && "chunked".equalsIgnoreCase(http.getHeader("Transfer-Encoding"));
        if (!chunked) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = http.getInputStream().readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            tooLarge((HttpServletResponse) response, "more than " + MAX_BYTES + " bytes (chunked)");
            return;
        }
        chain.doFilter(new Buffered(http, body), response);
    }

    private static void tooLarge(HttpServletResponse response, String size) throws IOException {
        response.setStatus(413);
        response.setContentType("application/json");
        response.setHeader("Connection", "close");
        dev.selfheal.server.console.ConsoleRoutes.SECURITY_HEADERS.forEach(response::setHeader);
        response.getWriter().write("{\"error\":\"payload_too_large\",\"message\":\"the request body is %s; the limit is %d bytes\"}"
                .formatted(size, MAX_BYTES));
    }

    /** The request with its body already read. */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            InputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
