package io.kefu.chat;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

/** The web chat wired to presence and the waiting queue on the embedded default database (H2). */
@H2Database("chat-waiting")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2ChatWaitingJourneyTest extends ChatWaitingJourney {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        waitingProperties(registry);
    }

    @Override
    String[] staff() {
        return new String[] {"demo", "demo"};
    }
}
