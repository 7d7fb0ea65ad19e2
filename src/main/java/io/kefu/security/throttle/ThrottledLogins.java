package io.kefu.security.throttle;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * How a throttled sign-in is answered. HTTP Basic (API clients): 429 with {@code Retry-After} and
 * problem JSON; any other failure as before (401 with a Basic challenge). The login form (people in
 * a browser): back to the login page, which says how long to wait, as for a wrong password.
 */
@Component
public class ThrottledLogins {

    private final ObjectMapper json;

    ThrottledLogins(ObjectMapper json) {
        this.json = json;
    }

    /** For {@code httpBasic().authenticationEntryPoint(...)}: 429 when throttled, else Basic's 401. */
    public AuthenticationEntryPoint basicEntryPoint() {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("Realm");
        return (request, response, exception) -> {
            if (exception instanceof LoginThrottledException throttled) {
                TooManyRequests.write(request, response, throttled.retryAfterSeconds(), throttled.getMessage(), json);
            } else {
                basic.commence(request, response, exception);
            }
        };
    }

    /**
     * For {@code formLogin().failureHandler(...)}: a throttled sign-in goes to
     * {@code <loginPage>?throttled=<seconds>}, any other failure to {@code <loginPage>?error}.
     */
    public AuthenticationFailureHandler formLoginFailureHandler(String loginPage) {
        var wrongPassword = new SimpleUrlAuthenticationFailureHandler(loginPage + "?error");
        DefaultRedirectStrategy redirect = new DefaultRedirectStrategy();
        return new AuthenticationFailureHandler() {
            @Override
            public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                    AuthenticationException exception) throws IOException, ServletException {
                if (exception instanceof LoginThrottledException throttled) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
                    redirect.sendRedirect(request, response, loginPage + "?throttled=" + throttled.retryAfterSeconds());
                } else {
                    wrongPassword.onAuthenticationFailure(request, response, exception);
                }
            }
        };
    }
}
