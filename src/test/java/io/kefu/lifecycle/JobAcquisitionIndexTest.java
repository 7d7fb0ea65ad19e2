package io.kefu.lifecycle;

import java.sql.Connection;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;

/** Camunda's job table gets its due-date index once the engine has created the table. */
@H2Database("job-index")
@BackgroundWorkOff
@SpringBootTest
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
