package io.kefu.chat;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

/** The WebSocket door's frame size and address rate on the embedded default database (H2), with the demo user. */
@H2Database("chat-wire-limits")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2ChatWireLimitsTest extends ChatWireLimits {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        limitProperties(registry);
    }

    @Override
    String[] staff() {
        return new String[] {"demo", "demo"};
    }
}
