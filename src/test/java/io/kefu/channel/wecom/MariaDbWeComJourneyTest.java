package io.kefu.channel.wecom;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.MariaDb;

/** The WeCom journey on real MariaDB with the {@code mysql} profile, on a fresh database. */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MariaDbWeComJourneyTest extends WeComJourney {

    static final String ADMIN_PASSWORD = "wecom-" + System.nanoTime();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_wecom21");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
        registry.add("kefu.security.admin-password", () -> ADMIN_PASSWORD);
        weComProperties(registry);
    }

    @Override
    protected String[] staff() {
        return new String[] {"admin", ADMIN_PASSWORD};
    }
}
