package io.kefu.lifecycle;

import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.H2Database;

/** The soothing scenarios on the embedded default database (H2); the bot's knowledge answers off. */
@H2Database("soothing")
@BackgroundWorkOff
@SpringBootTest(properties = "kefu.bot.enabled=false")
class H2SoothingTest extends SoothingScenarios {
}
