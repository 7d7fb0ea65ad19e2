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
 * ~30–45 ms; with the index, under 1 ms (bench/RESULTS.md, optimisation series).
 *
 * <p>Camunda creates {@code ACT_RU_JOB} while the engine is built, after Flyway has run
 * ({@link CamundaAfterFlyway}), so the index cannot be a Flyway migration: it is created here, once
 * the engine exists, when it is missing. Nodes starting together may race; the loser finds it made.
 */
@Component
class JobAcquisitionIndex implements InitializingBean {

    static final String NAME = "KEFU_IDX_JOB_DUEDATE";

    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

    private final DataSource dataSource;

    /** The engine is only asked for so that it, and with it ACT_RU_JOB, exists first. */
    JobAcquisitionIndex(ProcessEngine engine, DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (exists(connection)) {
                return;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE INDEX " + NAME + " ON ACT_RU_JOB (DUEDATE_)");
                log.info("Created index {} on ACT_RU_JOB (DUEDATE_) for job acquisition", NAME);
            } catch (SQLException e) {
                if (!exists(connection)) {
                    throw e;
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    static boolean exists(Connection connection) throws SQLException {
        try (ResultSet indexes = connection.getMetaData().getIndexInfo(connection.getCatalog(), null, "ACT_RU_JOB",
                false, true)) {
            while (indexes.next()) {
                if (NAME.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
