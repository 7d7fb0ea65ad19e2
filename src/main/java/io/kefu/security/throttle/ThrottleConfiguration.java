package io.kefu.security.throttle;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.bucket4j.TimeMeter;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The buckets' time source, and the search-limit filter, registered right after Spring Security's
 * filter chain (which has then authenticated the request and refused what it refuses).
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
            SecurityProperties springSecurity) {
        var registration = new FilterRegistrationBean<>(new RateLimitFilter(limits, json));
        registration.setOrder(springSecurity.getFilter().getOrder() + 1);
        registration.addUrlPatterns(RateLimitFilter.SEARCH, RateLimitFilter.SUGGEST,
                RateLimitFilter.PAGE_SUGGEST);
        return registration;
    }
}
