package io.kefu.lifecycle;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Gives Camunda's job table the index its job acquisition needs. Every acquisition looks for jobs
 * with {@code DUEDATE_ is null or DUEDATE_ <= now}; Camunda's schema has no index on {@code DUEDATE_},
 * so each acquisition scans every job, and every resolved ticket keeps an auto-close timer job for
 * {@code kefu.lifecycle.auto-close-after} (3 days). With 100,000 waiting timers a scan costs MariaDB
 * ~30–45 ms; with the index, under 1 ms (bench/RESULTS.md, optimisation series). With timers first
 * ({@code kefu.lifecycle.timer-job-priority} above 0), a second index on {@code (PRIORITY_, DUEDATE_)}
 * serves the question for due timers of the timer priority.
 *
 * <p>Camunda creates {@code ACT_RU_JOB} while the engine is built, after Flyway has run
 * ({@link CamundaAfterFlyway}), so the index cannot be a Flyway migration: it is created here, once
 * the engine exists, when it is missing. Nodes starting together may race; the loser finds it made.
 */
@Component
class JobAcquisitionIndex implements InitializingBean {

    static final String NAME = "KEFU_IDX_JOB_DUEDATE";
    /**
     * The jobs locked now, which acquisition's "no other exclusive job of the instance is locked"
     * asks about; without it MariaDB answers that by reading every job once many are due.
     */
    static final String LOCKS = "KEFU_IDX_JOB_LOCK_EXP";
    /** Due timers first ({@link TimersFirstJobManager}): one priority, oldest due first. */
    static final String TIMERS = "KEFU_IDX_JOB_PRIORITY_DUEDATE";

    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    private final DataSource dataSource;
    private final boolean timersFirst;

    /** The engine is only asked for so that it, and with it ACT_RU_JOB, exists first. */
    JobAcquisitionIndex(ProcessEngine engine, DataSource dataSource, TimerJobPriority timers) {
        this.dataSource = dataSource;
        this.timersFirst = timers.timersFirst();
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        create(NAME, "DUEDATE_");
        create(LOCKS, "LOCK_EXP_TIME_");
        if (timersFirst) {
            create(TIMERS, "PRIORITY_, DUEDATE_");
        }
    }

    private void create(String name, String columns) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (exists(connection, name)) {
                return;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE INDEX " + name + " ON ACT_RU_JOB (" + columns + ")");
                log.info("Created index {} on ACT_RU_JOB ({}) for job acquisition", name, columns);
            } catch (SQLException e) {
                if (!exists(connection, name)) {
                    throw e;
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    static boolean exists(Connection connection, String name) throws SQLException {
        try (ResultSet indexes = connection.getMetaData().getIndexInfo(connection.getCatalog(), null, "ACT_RU_JOB",
                false, true)) {
            while (indexes.next()) {
                if (name.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
