package io.kefu.agent;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.MariaDb;

/**
 * The assignment scenarios on real MariaDB through Connector/J ({@code mysql} profile, a fresh
 * database): the assignment lock, READ COMMITTED and the load counts against the real server.
 */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@BackgroundWorkOff
@SpringBootTest(properties = {"kefu.assignment.queue-strategies.general_support=round-robin",
        "kefu.assignment.sweep-interval=PT1H", "kefu.bot.enabled=false",
        // the soothing timer (30 s) would be due before the skills timeout these tests move the clock to
        "kefu.lifecycle.soothe.after=PT1H",
        // places are told to the first 3 waiting tickets, so a scenario can wait further back
        "kefu.queue.notice-depth=3"})
@AutoConfigureMockMvc
@Import(AssignmentScenarios.PositionNotices.class)
class MariaDbAssignmentTest extends AssignmentScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_assignment");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
    }
}
