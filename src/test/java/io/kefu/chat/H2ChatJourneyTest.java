package io.kefu.chat;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

/** The web chat journey on the embedded default database (H2), with the demo user. */
@H2Database("chat-journey")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2ChatJourneyTest extends ChatJourney {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        chatProperties(registry);
    }

    @Override
    String[] staff() {
        return new String[] {"demo", "demo"};
    }
}
