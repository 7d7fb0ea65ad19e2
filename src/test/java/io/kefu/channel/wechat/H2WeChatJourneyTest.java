package io.kefu.channel.wechat;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

/** The WeChat Official Account journey on the embedded default database (H2), with the demo user. */
@H2Database("wechat-journey")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2WeChatJourneyTest extends WeChatJourney {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        weChatProperties(registry);
    }

    @Override
    protected String[] staff() {
        return new String[] {"demo", "demo"};
    }
}
