package io.kefu.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The security headers of each filter chain. Kefu's pages load scripts, styles and images from
 * Kefu only — no inline script, no inline style, no event-handler attribute in
 * {@code web/templates} — so their Content-Security-Policy needs neither {@code 'unsafe-inline'}
 * nor nonces. API answers get a policy that lets them render nothing. The Camunda webapps send
 * their own CSP with a nonce per page (Camunda's header-security filter); Spring adds none there.
 * Every chain: {@code X-Content-Type-Options: nosniff} (Spring's default), a Referrer-Policy and a
 * Permissions-Policy that switches off the browser features no Kefu page uses.
 */
final class WebHeaders {

    private static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    /** Kefu's pages (Thymeleaf): everything from the same origin, frames only by Kefu itself. */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'self'";

    /**
     * Swagger UI ({@code /swagger-ui/**}) and the process designer's modeler
     * ({@code /designer/processes/*}): the page policy, but for the inline styles their libraries set
     * (Swagger UI's code highlighting, bpmn-js's canvas and overlays). Scripts stay same-origin only,
     * so an inline style can change how the page looks, never what it runs.
     */
    static final String INLINE_STYLE_POLICY = PAGE_POLICY.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';");

    private static final RequestMatcher INLINE_STYLE_PAGES = new org.springframework.security.web.util.matcher.OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/swagger-ui/**"),
            PathPatternRequestMatcher.withDefaults().matcher("/designer/processes/*"));

    /** JSON answers of /api, /engine-rest and /v3/api-docs: nothing to load, run or frame. */
    static final String API_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** Browser features no page of Kefu or Camunda uses, off for the page and anything it embeds. */
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "display-capture=(), browsing-topics=()";

    private WebHeaders() {
    }

    static void pages(HeadersConfigurer<HttpSecurity> headers) {
        headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(INLINE_STYLE_PAGES),
                        new StaticHeadersWriter(CONTENT_SECURITY_POLICY, PAGE_POLICY)))
                .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(INLINE_STYLE_PAGES,
                        new StaticHeadersWriter(CONTENT_SECURITY_POLICY, INLINE_STYLE_POLICY)))
                .frameOptions(frames -> frames.sameOrigin())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY));
    }

    static void api(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(API_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY));
    }

    /** Camunda's webapps: their own CSP (with nonces) stays; Spring adds the rest. */
    static void camundaWebapps(HeadersConfigurer<HttpSecurity> headers) {
        headers.frameOptions(frames -> frames.sameOrigin())
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY));
    }
}
