package io.kefu.config;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request whose query or form parameters hold a NUL character (sent as {@code %00}),
 * before any controller stores or searches for it: the same rule as for JSON strings
 * ({@link SafeTextDeserializer}). Lone surrogates cannot arrive this way (the servlet container
 * decodes parameters as UTF-8). 400 problem JSON on the API, the 400 error page on pages.
 */
final class UnsafeParameterCheck implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String nameProblem = SafeTextDeserializer.problem(parameter.getKey());
            if (nameProblem != null) {
                throw new UnsafeParameterException("A parameter name " + nameProblem);
            }
            for (String value : parameter.getValue()) {
                String problem = value == null ? null : SafeTextDeserializer.problem(value);
                if (problem != null) {
                    throw new UnsafeParameterException("Parameter '" + parameter.getKey() + "' " + problem);
                }
            }
        }
        return true;
    }

    /** A parameter Kefu will not take; the message names it. */
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    static final class UnsafeParameterException extends RuntimeException {
        UnsafeParameterException(String message) {
            super(message);
        }
    }
}
