package io.kefu.config;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.testing.H2Database;

/**
 * The bad-input scenarios on the embedded default database (H2). Its own database and no job
 * executor, so no other test's tickets change the row counts while a case runs.
 */
@H2Database("bad-input")
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@AutoConfigureMockMvc
class H2BadInputTest extends BadInputScenarios {
}
