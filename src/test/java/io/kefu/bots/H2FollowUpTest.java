package io.kefu.bots;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.kefu.testing.H2Database;

/** {@link FollowUpScenarios} on H2. */
@H2Database("follow-ups")
@SpringBootTest(properties = {"kefu.sync.relay.enabled=false", "kefu.sla.watch.enabled=false",
        "kefu.bots.enabled=true", "kefu.bots.poll-interval=PT1H", "kefu.follow-up.remind-after=PT2H",
        "kefu.follow-up.link-within=P30D"})
@AutoConfigureMockMvc
@Import(FollowUpScenarios.Clocks.class)
class H2FollowUpTest extends FollowUpScenarios {
}
