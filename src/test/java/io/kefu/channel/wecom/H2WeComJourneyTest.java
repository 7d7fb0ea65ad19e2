package io.kefu.channel.wecom;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

/** The WeCom journey on the embedded default database (H2), with the demo user. */
@H2Database("wecom-journey")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2WeComJourneyTest extends WeComJourney {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        weComProperties(registry);
    }

    @Override
    protected String[] staff() {
        return new String[] {"demo", "demo"};
    }
}
