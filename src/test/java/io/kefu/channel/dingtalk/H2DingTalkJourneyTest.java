package io.kefu.channel.dingtalk;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

/** The DingTalk journey on the embedded default database (H2), with the demo user. */
@H2Database("dingtalk-journey")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2DingTalkJourneyTest extends DingTalkJourney {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        dingTalkProperties(registry);
    }

    @Override
    protected String[] staff() {
        return new String[] {"demo", "demo"};
    }
}
