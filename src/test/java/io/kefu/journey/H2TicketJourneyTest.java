package io.kefu.journey;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The journey on the embedded default database (H2), with the demo user the default creates. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2TicketJourneyTest extends TicketJourney {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:journey;DB_CLOSE_DELAY=-1");
        commonProperties(registry);
    }

    @Override
    String[] agent() {
        return new String[] {"demo", "demo"};
    }
}
