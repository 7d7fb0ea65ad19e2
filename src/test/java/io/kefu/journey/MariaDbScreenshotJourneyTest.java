package io.kefu.journey;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.MariaDb;

/** The screenshot journey on real MariaDB (the {@code mysql} profile), on a freshly created database. */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MariaDbScreenshotJourneyTest extends ScreenshotJourney {

    static final String ADMIN_PASSWORD = "screenshot-" + System.nanoTime();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_screenshot");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
        registry.add("kefu.security.admin-password", () -> ADMIN_PASSWORD);
        commonProperties(registry);
    }

    @Override
    String[] agent() {
        return new String[] {"admin", ADMIN_PASSWORD};
    }
}
