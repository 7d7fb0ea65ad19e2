package io.kefu.chat;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.MariaDb;

/** The web chat wired to presence and the waiting queue on real MariaDB ({@code mysql} profile), on a fresh database. */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MariaDbChatWaitingJourneyTest extends ChatWaitingJourney {

    static final String ADMIN_PASSWORD = "waiting-" + System.nanoTime();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_chat_waiting");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
        registry.add("kefu.security.admin-password", () -> ADMIN_PASSWORD);
        waitingProperties(registry);
    }

    @Override
    String[] staff() {
        return new String[] {"admin", ADMIN_PASSWORD};
    }
}
