package io.kefu.channel.wechat;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

/** One customer across WeChat and the web chat on the embedded default database (H2), with the demo user. */
@H2Database("cross-channel")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2CrossChannelJourneyTest extends CrossChannelJourney {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        crossChannelProperties(registry);
    }

    @Override
    String[] staff() {
        return new String[] {"demo", "demo"};
    }
}
