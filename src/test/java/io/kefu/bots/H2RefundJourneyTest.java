package io.kefu.bots;

import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.testing.H2Database;

/** The refund journey on the embedded default database (H2). */
@H2Database("refund-journey")
@SpringBootTest(properties = {"kefu.sync.relay.enabled=false", "kefu.sla.watch.enabled=false",
        "kefu.bots.enabled=true", "kefu.bots.poll-interval=PT0.2S", "kefu.bots.retries=2",
        "kefu.bots.retry-backoff=PT0S", "kefu.bots.give-up-after=PT0S"})
class H2RefundJourneyTest extends RefundJourney {
}
