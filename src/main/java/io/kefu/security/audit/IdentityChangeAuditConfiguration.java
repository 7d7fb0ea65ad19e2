package io.kefu.security.audit;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.kefu.security.AuditLog;

/** Registers {@link IdentityChangeAudit} for the engine's REST API and the Camunda webapps' API. */
@Configuration(proxyBeanMethods = false)
class IdentityChangeAuditConfiguration {

    /** Just outside Spring Security's filter chain (order -100), so its refusals are seen too. */
    static final int ORDER = org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER - 1;

    @Bean
    FilterRegistrationBean<IdentityChangeAudit> identityChangeAudit(AuditLog audit) {
        FilterRegistrationBean<IdentityChangeAudit> registration = new FilterRegistrationBean<>(new IdentityChangeAudit(audit));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(ORDER);
        return registration;
    }
}
