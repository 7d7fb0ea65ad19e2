package io.kefu.config;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The bad-input scenarios on the embedded default database (H2). Its own database and no job
 * executor, so no other test's tickets change the row counts while a case runs.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:bad-input;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false"})
@AutoConfigureMockMvc
class H2BadInputTest extends BadInputScenarios {
}
