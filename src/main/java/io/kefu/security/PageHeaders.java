package io.kefu.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;

/**
 * The security headers of Kefu's pages, for a feature that brings a filter chain of its own (the
 * web chat's public door): the same Content-Security-Policy, Referrer-Policy, Permissions-Policy
 * and frame options as every other page.
 */
public final class PageHeaders {

    private PageHeaders() {
    }

    public static void apply(HeadersConfigurer<HttpSecurity> headers) {
        WebHeaders.pages(headers);
    }
}
