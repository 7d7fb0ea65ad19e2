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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With metrics on, as in production: requests and authentications are measured, Spring Security's
 * per-filter and per-authorization observations are not (they cost 7 % of the request threads).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:security-observations;DB_CLOSE_DELAY=-1",
        "kefu.sync.relay.enabled=false",
        "camunda.bpm.job-execution.enabled=false"})
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
