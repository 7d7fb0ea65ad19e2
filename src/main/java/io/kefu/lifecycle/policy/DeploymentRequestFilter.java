package io.kefu.lifecycle.policy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * In front of {@code /engine-rest/deployment/create} (and a named engine's, after Spring Security): refuses a body over
 * {@code kefu.security.deployment.max-size} with 413 before Camunda parses it — whether it
 * announces its length or not —, and passes the header {@code X-Kefu-Trusted-Deployment: true} on
 * to the policy deployer, which decides whether the caller may skip the policy.
 */
class DeploymentRequestFilter extends OncePerRequestFilter {

    static final String TRUSTED_HEADER = "X-Kefu-Trusted-Deployment";

    private final long maxBytes;

    DeploymentRequestFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The resource under both of its paths: {@code /engine-rest/...} and {@code /engine-rest/engine/<name>/...}. */
    private static final java.util.regex.Pattern DEPLOYMENT_CREATE =
            java.util.regex.Pattern.compile("/engine-rest(/engine/[^/]+)?/deployment/create/?");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !DEPLOYMENT_CREATE.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            tooLarge(response, request.getContentLengthLong());
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), maxBytes);
        if (body == null) {
            tooLarge(response, -1);
            return;
        }
        TrustedDeploymentRequest.set("true".equalsIgnoreCase(request.getHeader(TRUSTED_HEADER)));
        try {
            chain.doFilter(new BufferedRequest(request, body), response);
        } finally {
            TrustedDeploymentRequest.clear();
        }
    }

    private void tooLarge(HttpServletResponse response, long bytes) throws IOException {
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"title\":\"Payload Too Large\",\"status\":413,\"detail\":\"The deployment has "
                + (bytes < 0 ? "more than " + maxBytes : bytes) + " bytes; at most " + maxBytes
                + " are accepted (kefu.security.deployment.max-size)\"}");
    }

    /** The whole body, or null when it has more than {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        return body.length > limit ? null : body;
    }

    /** The request with its body already read (and counted). */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
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

    /** Registers the filter for the deployment-creating resource only. */
    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        FilterRegistrationBean<DeploymentRequestFilter> deploymentRequestFilter(DeploymentPolicyProperties properties) {
            FilterRegistrationBean<DeploymentRequestFilter> registration = new FilterRegistrationBean<>(
                    new DeploymentRequestFilter(properties.deployment().maxSize().toBytes()));
            registration.addUrlPatterns("/engine-rest/*");
            return registration;
        }
    }
}
