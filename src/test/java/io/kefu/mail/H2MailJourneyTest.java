package io.kefu.mail;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

/** The e-mail journey on the embedded default database (H2), with the demo user. */
@H2Database("mail-journey")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2MailJourneyTest extends MailJourney {

    static final MailServers SERVERS = new MailServers();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        mailProperties(registry, SERVERS);
    }

    @Override
    String[] staff() {
        return new String[] {"demo", "demo"};
    }

    @Override
    MailServers servers() {
        return SERVERS;
    }
}
