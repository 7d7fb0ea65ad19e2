package io.kefu.lifecycle;

import java.sql.Connection;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Camunda's job table gets its due-date index once the engine has created the table. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:job-index;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "kefu.sync.relay.enabled=false"})
class JobAcquisitionIndexTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    ProcessEngine engine;

    @Test
    void jobTableHasTheDueDateIndexAfterStartAndASecondStartLeavesItAlone() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(JobAcquisitionIndex.exists(connection)).isTrue();
        }

        new JobAcquisitionIndex(engine, dataSource).afterPropertiesSet();

        try (Connection connection = dataSource.getConnection()) {
            assertThat(JobAcquisitionIndex.exists(connection)).isTrue();
        }
    }
}
