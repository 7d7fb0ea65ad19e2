package io.kefu.journey;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;

/** The journey on the embedded default database (H2), with the demo user the default creates. */
@H2Database("journey")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2TicketJourneyTest extends TicketJourney {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commonProperties(registry);
    }

    @Override
    String[] agent() {
        return new String[] {"demo", "demo"};
    }

    @Test
    void everythingNeedsALoginAndTheDemoUserOpensIt() {
        assertThat(http.getForEntity("/engine-rest/engine", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("no-such-user", "wrong").getForEntity("/engine-rest/engine", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.getForEntity("/v3/api-docs", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        TestRestTemplate demo = http.withBasicAuth("demo", "demo");
        ResponseEntity<String> engines = demo.getForEntity("/engine-rest/engine", String.class);
        assertThat(engines.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(engines.getBody()).contains("default");
        assertThat(demo.getForObject("/engine-rest/process-definition/key/TicketLifecycle", String.class))
                .contains("\"key\":\"TicketLifecycle\"");
    }

    @Test
    void theOpenApiDocumentDescribesTheTicketApi() {
        String openApi = http.withBasicAuth("demo", "demo").getForObject("/v3/api-docs", String.class);

        assertThat(openApi).contains("/api/messages", "/api/customers", "/api/tickets/{id}",
                "/api/tickets/{id}/claim", "/api/tickets/{id}/resolve");
    }

    @Test
    void theCamundaWebappsUseKefusLogin() {
        ResponseEntity<String> cockpit = http.getForEntity("/camunda/app/cockpit/default/", String.class);

        assertThat(cockpit.getStatusCode()).as("Kefu's login page, after the redirect").isEqualTo(HttpStatus.OK);
        assertThat(cockpit.getBody()).contains("name=\"username\"");
        assertThat(http.getForEntity("/camunda/api/admin/auth/user/default", String.class).getStatusCode())
                .as("not signed in to the webapps").isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
