package io.kefu.lifecycle;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.MariaDb;

/** Job locks across a crash on real MariaDB (the {@code mysql} profile). */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@BackgroundWorkOff
@SpringBootTest(properties = "kefu.node.id=" + JobLockScenarios.NODE)
class MariaDbJobLockTest extends JobLockScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_job_locks");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
    }
}
