package io.kefu.config;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.zaxxer.hikari.HikariDataSource;

/**
 * How transactions get their connections, measured in {@code bench/RESULTS.md} ("Optimisation
 * series", changes 9 and 10):
 * <ul>
 * <li><b>Lazily</b>: a transaction takes a pooled connection only when it sends its first statement
 * ({@link LazyConnectionDataSourceProxy}), so one that never touches the database costs nothing.
 * Camunda runs a command in its own transaction after every successful job (it only counts the job
 * in its metrics), which cost three round trips per ticket.</li>
 * <li><b>Already in transaction mode</b>: the pool hands out connections with auto-commit off
 * ({@code spring.datasource.hikari.auto-commit: false}), so Spring no longer switches it off and on
 * around every transaction ({@code SET autocommit=0} … {@code SET autocommit=1}: two round trips per
 * transaction, a ninth of all statements a new ticket sent). Code that runs <em>outside</em> a
 * transaction keeps auto-commit semantics: such a connection is switched to auto-commit when it is
 * taken (and back when the pool gets it again), so nothing it writes can be rolled back unseen.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class LazyConnections {

    @Bean
    static BeanPostProcessor lazyConnectionDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    LazyConnectionDataSourceProxy lazy = new LazyConnectionDataSourceProxy();
                    lazy.setTargetDataSource(new AutoCommitOutsideTransactions(pool));
                    // The pool's own settings, not those of a connection taken outside a transaction
                    // (which auto-commits): what a transaction's connection starts with.
                    lazy.setDefaultAutoCommit(pool.isAutoCommit());
                    if (pool.getTransactionIsolation() != null) {
                        lazy.setDefaultTransactionIsolationName(pool.getTransactionIsolation());
                    }
                    lazy.afterPropertiesSet();
                    return lazy;
                }
                return bean;
            }
        };
    }

    /**
     * Gives code outside a Spring transaction an auto-committing connection even when the pool's
     * connections start with auto-commit off. Inside a transaction (the lazy proxy above fetches
     * the connection at the transaction's first statement, when the transaction is already
     * registered) the connection is handed over as the pool made it.
     */
    static final class AutoCommitOutsideTransactions extends DelegatingDataSource {

        AutoCommitOutsideTransactions(DataSource pool) {
            super(pool);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return outsideTransactionsAutoCommit(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return outsideTransactionsAutoCommit(super.getConnection(username, password));
        }

        private static Connection outsideTransactionsAutoCommit(Connection connection) throws SQLException {
            if (!TransactionSynchronizationManager.isActualTransactionActive() && !connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return connection;
        }
    }
}
