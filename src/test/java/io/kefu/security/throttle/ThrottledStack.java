package io.kefu.security.throttle;

import java.util.List;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.H2Database;

/**
 * The whole application on H2 with small limits and the buckets' time moved by the tests (one Spring context for
 * every subclass). Tomcat takes the client address from {@code X-Forwarded-For}, as behind a proxy,
 * so a test can play several clients; each test uses user names and addresses of its own.
 */
@H2Database("throttled-stack")
@BackgroundWorkOff
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.forward-headers-strategy=native",
        "kefu.security.login-throttle.per-user.capacity=5",
        "kefu.security.login-throttle.per-trusted-address.capacity=5",
        "kefu.security.rate-limits.messages-per-customer.capacity=3",
        "kefu.security.rate-limits.messages-per-customer.refill=3",
        "kefu.security.rate-limits.messages-per-principal.capacity=8",
        "kefu.security.rate-limits.messages-per-principal.refill=8",
        "kefu.security.rate-limits.messages-per-principal.period=PT10S",
        "kefu.security.rate-limits.knowledge-search-per-principal.capacity=5",
        "kefu.security.rate-limits.knowledge-search-per-principal.refill=5",
        "kefu.security.rate-limits.knowledge-search-per-principal.period=PT10S"})
@Import(ThrottledStack.MovableTimeConfiguration.class)
abstract class ThrottledStack {

    /** A client that neither retries (Apache HttpClient retries a 429 after its Retry-After) nor follows redirects. */
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    IdentityService identity;
    @Autowired
    MovableTime time;

    @TestConfiguration(proxyBeanMethods = false)
    static class MovableTimeConfiguration {

        @Bean
        @Primary
        MovableTime movableTime() {
            return new MovableTime();
        }
    }

    @BeforeEach
    void plainClient(@Autowired TestRestTemplate server) {
        CloseableHttpClient client = HttpClients.custom().disableAutomaticRetries().disableRedirectHandling()
                .disableCookieManagement().build();
        http = new TestRestTemplate(new RestTemplateBuilder().rootUri(server.getRootUri())
                .requestFactory(() -> new HttpComponentsClientHttpRequestFactory(client)));
    }

    /** Creates (or resets) a user with a password and groups. */
    void user(String id, String password, String... groups) {
        User user = identity.createUserQuery().userId(id).singleResult();
        if (user == null) {
            user = identity.newUser(id);
            user.setFirstName(id);
            user.setLastName("Test");
        }
        user.setPassword(password);
        identity.saveUser(user);
        for (String group : groups) {
            if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
                identity.createMembership(id, group);
            }
        }
    }

    /** A request with HTTP Basic from a client at {@code address}. */
    <T> ResponseEntity<T> exchange(RequestEntity.BodyBuilder request, String user, String password, String address,
            Object body, Class<T> type) {
        request.headers(headers -> {
            headers.setBasicAuth(user, password);
            headers.set("X-Forwarded-For", address);
        });
        return http.exchange(body == null ? request.build() : request.body(body), type);
    }

    ResponseEntity<String> get(String path, String user, String password, String address) {
        return exchange(RequestEntity.method(org.springframework.http.HttpMethod.GET, path), user, password, address,
                null, String.class);
    }

    static long retryAfter(ResponseEntity<?> answer) {
        List<String> values = answer.getHeaders().get(HttpHeaders.RETRY_AFTER);
        return values == null ? -1 : Long.parseLong(values.get(0));
    }
}
