package io.kefu.config;

import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;

/** Transactions take a pooled connection only when they send a statement. */
@H2Database("lazy-connections")
@BackgroundWorkOff
@SpringBootTest
class LazyConnectionsTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;

    @Test
    void thePoolIsBehindALazyProxyThatSpringAndMonitoringCanStillSeeThrough() throws Exception {
        assertThat(dataSource).isInstanceOf(LazyConnectionDataSourceProxy.class);
        assertThat(dataSource.unwrap(HikariDataSource.class).getMaximumPoolSize()).isPositive();
    }

    @Test
    void aTransactionWithoutStatementsTakesNoConnectionOneWithAStatementDoes() {
        String[] seen = new String[2];
        transaction.executeWithoutResult(status -> seen[0] = boundConnection().toString());
        transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT COUNT(*) FROM ticket").query(Long.class).single();
            seen[1] = boundConnection().toString();
        });

        assertThat(seen[0]).as("nothing fetched from the pool").contains("target DataSource");
        assertThat(seen[1]).as("fetched on the first statement").startsWith("HikariProxyConnection");
    }

    @Test
    void transactionsRunOnTheConnectionAsThePoolMadeItWithoutSwitchingAutoCommit() throws Exception {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        assertThat(pool.isAutoCommit()).as("connections start in transaction mode").isFalse();
        boolean[] inside = new boolean[1];
        transaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT COUNT(*) FROM ticket").query(Long.class).single();
            try {
                inside[0] = boundConnection().getAutoCommit();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside[0]).isFalse();
    }

    @Test
    void writesOutsideATransactionAreCommittedAtOnceAndWritesOfARolledBackTransactionAreNot() throws Exception {
        jdbc.sql("CREATE TABLE IF NOT EXISTS lazy_probe (v INT)").update();
        jdbc.sql("DELETE FROM lazy_probe").update();

        jdbc.sql("INSERT INTO lazy_probe (v) VALUES (1)").update();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("INSERT INTO lazy_probe (v) VALUES (2)").update();
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> jdbc.sql("INSERT INTO lazy_probe (v) VALUES (3)").update());

        // read on a connection of its own, as another node would see the table
        try (Connection other = dataSource.unwrap(HikariDataSource.class).getConnection();
                var rows = other.createStatement().executeQuery("SELECT v FROM lazy_probe ORDER BY v")) {
            java.util.List<Integer> values = new java.util.ArrayList<>();
            while (rows.next()) {
                values.add(rows.getInt(1));
            }
            assertThat(values).containsExactly(1, 3);
            other.rollback();
        }
        try (Connection outside = dataSource.getConnection(); var statement = outside.createStatement()) {
            statement.execute("SELECT 1");
            assertThat(outside.getAutoCommit()).as("outside a transaction, once in use").isTrue();
        }
    }

    private Connection boundConnection() {
        return ((ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource)).getConnection();
    }
}
