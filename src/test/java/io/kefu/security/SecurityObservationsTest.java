package io.kefu.security;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With metrics on, as in production: requests and authentications are measured, Spring Security's
 * per-filter and per-authorization observations are not (they cost 7 % of the request threads).
 */
@H2Database("security-observations")
@BackgroundWorkOff
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
class SecurityObservationsTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    MeterRegistry meters;

    @Test
    void requestsAndLoginsAreMeasuredButNotEachSecurityFilter() {
        assertThat(http.withBasicAuth("demo", "demo").getForEntity("/api/workspace/tasks", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.withBasicAuth("demo", "wrong").getForEntity("/api/workspace/tasks", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        Set<String> names = meters.getMeters().stream().map(Meter::getId).map(Meter.Id::getName)
                .collect(Collectors.toSet());
        assertThat(names).contains("http.server.requests", "spring.security.authentications");
        assertThat(names).noneMatch(name -> name.startsWith("spring.security.filterchains")
                || name.startsWith("spring.security.authorizations")
                || name.startsWith("spring.security.http.secured.requests"));
    }
}
