package io.kefu.agent;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.H2Database;

/** The assignment scenarios on the embedded default database (H2), a database of their own. */
@H2Database("assignment")
@BackgroundWorkOff
@SpringBootTest(properties = {"kefu.assignment.queue-strategies.general_support=round-robin",
        "kefu.assignment.sweep-interval=PT1H", "kefu.bot.enabled=false",
        // the soothing timer (30 s) would be due before the skills timeout these tests move the clock to
        "kefu.lifecycle.soothe.after=PT1H",
        // places are told to the first 3 waiting tickets, so a scenario can wait further back
        "kefu.queue.notice-depth=3"})
@AutoConfigureMockMvc
@Import(AssignmentScenarios.PositionNotices.class)
class H2AssignmentTest extends AssignmentScenarios {
}
