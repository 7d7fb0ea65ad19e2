package io.kefu.bots;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.MariaDb;

/** {@link FollowUpScenarios} on real MariaDB with the {@code mysql} profile (V36 as MySQL creates it). */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@SpringBootTest(properties = {"kefu.sync.relay.enabled=false", "kefu.sla.watch.enabled=false",
        "kefu.bots.enabled=true", "kefu.bots.poll-interval=PT1H", "kefu.follow-up.remind-after=PT2H",
        "kefu.follow-up.link-within=P30D"})
@AutoConfigureMockMvc
@Import(FollowUpScenarios.Clocks.class)
class MariaDbFollowUpTest extends FollowUpScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_follow_ups");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
    }
}
