package io.kefu.security.throttle;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.bucket4j.TimeMeter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The buckets' time source, and the two servlet filters, registered right after Spring Security's
 * filter chain (which has then authenticated the request and refused what it refuses), before
 * anything else reads the body.
 */
@Configuration(proxyBeanMethods = false)
class ThrottleConfiguration {

    /** Monotonic: a wall-clock step backwards would otherwise stop every bucket refilling until it catches up. */
    @Bean
    TimeMeter throttleTime() {
        return TimeMeter.SYSTEM_NANOTIME;
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(RateLimits limits, ObjectMapper json,
            SecurityProperties springSecurity, @Value("${kefu.api.max-request-bytes:1048576}") long maxBodyBytes) {
        var registration = new FilterRegistrationBean<>(new RateLimitFilter(limits, json, maxBodyBytes));
        registration.setOrder(springSecurity.getFilter().getOrder() + 1);
        registration.addUrlPatterns(RateLimitFilter.MESSAGES, RateLimitFilter.SEARCH, RateLimitFilter.SUGGEST,
                RateLimitFilter.PAGE_SUGGEST);
        return registration;
    }
}
