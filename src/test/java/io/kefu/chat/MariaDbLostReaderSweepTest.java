package io.kefu.chat;

import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.MariaDb;

/** The lost-reader sweep on real MariaDB (the {@code mysql} profile), on a freshly created database. */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
@ActiveProfiles("mysql")
@BackgroundWorkOff
@SpringBootTest(properties = {"kefu.ocr.threads=2", "kefu.ocr.sweep-interval=PT1H"})
@Import(LostReaderSweep.Recognizer.class)
class MariaDbLostReaderSweepTest extends LostReaderSweep {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = MariaDb.freshDatabase("kefu_test_lost_reader");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> MariaDb.USER);
        registry.add("spring.datasource.password", () -> MariaDb.PASSWORD);
        registry.add("kefu.security.admin-password", () -> "sweep-" + System.nanoTime());
    }
}
