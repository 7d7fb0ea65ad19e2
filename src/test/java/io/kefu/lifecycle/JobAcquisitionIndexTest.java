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

/**
 * Camunda's job table gets the indexes job acquisition reads once the engine has created the table:
 * due date, lock expiry, and (timers first, the default) priority with due date.
 */
@H2Database("job-index")
@BackgroundWorkOff
@SpringBootTest
class JobAcquisitionIndexTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    ProcessEngine engine;

    @Test
    void jobTableHasTheAcquisitionIndexesAfterStartAndASecondStartLeavesThemAlone() throws Exception {
        assertIndexes(JobAcquisitionIndex.NAME, JobAcquisitionIndex.LOCKS, JobAcquisitionIndex.TIMERS);

        new JobAcquisitionIndex(engine, dataSource, new TimerJobPriority(10, java.time.Duration.ofMillis(500))).afterPropertiesSet();

        assertIndexes(JobAcquisitionIndex.NAME, JobAcquisitionIndex.LOCKS, JobAcquisitionIndex.TIMERS);
    }

    private void assertIndexes(String... names) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            for (String name : names) {
                assertThat(JobAcquisitionIndex.exists(connection, name)).as(name).isTrue();
            }
        }
    }
}
