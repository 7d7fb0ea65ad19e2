package io.kefu.security.throttle;

import java.lang.reflect.Type;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

import io.kefu.security.CustomerAddressed;
import io.kefu.security.SignedIn;

/**
 * Applies the per-customer and per-principal message limits to every request body that is
 * {@link CustomerAddressed}, right after Spring MVC has read it and before the controller runs, so a
 * refused message stores nothing; the body is read once, by the controller's own converter.
 */
@ControllerAdvice
class CustomerMessageLimits extends RequestBodyAdviceAdapter {

    private final RateLimits limits;

    CustomerMessageLimits(RateLimits limits) {
        this.limits = limits;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return CustomerAddressed.class.isAssignableFrom(parameter.getParameterType());
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        String customer = ((CustomerAddressed) body).customerExternalId();
        customer = customer == null || customer.isBlank() ? null : customer.strip();
        limits.message(SignedIn.current().map(Authentication::getName).orElse(null), customer).ifPresent(refusal -> {
            throw new TooManyRequestsException(refusal.retryAfterSeconds(), refusal.detail());
        });
        return body;
    }
}
