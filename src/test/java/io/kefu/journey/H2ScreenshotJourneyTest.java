package io.kefu.journey;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

/** The screenshot journey on the embedded default database (H2). */
@H2Database("screenshot-journey")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2ScreenshotJourneyTest extends ScreenshotJourney {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commonProperties(registry);
    }

    @Override
    String[] agent() {
        return new String[] {"demo", "demo"};
    }
}
