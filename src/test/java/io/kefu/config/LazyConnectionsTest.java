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

import static org.assertj.core.api.Assertions.assertThat;

/** Transactions take a pooled connection only when they send a statement. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:lazy-connections;DB_CLOSE_DELAY=-1",
        "kefu.sync.relay.enabled=false",
        "camunda.bpm.job-execution.enabled=false"})
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

    private Connection boundConnection() {
        return ((ConnectionHolder) TransactionSynchronizationManager.getResource(dataSource)).getConnection();
    }
}
