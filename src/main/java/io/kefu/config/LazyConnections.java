package io.kefu.config;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Hands out pooled connections only when a transaction sends its first statement
 * ({@link LazyConnectionDataSourceProxy} around the Hikari pool). A transaction that never touches
 * the database then costs nothing: Camunda runs a command in its own transaction after every
 * successful job (it only counts the job in its metrics), which was three round trips per ticket
 * ({@code SET autocommit=0}, {@code COMMIT}, {@code SET autocommit=1}), measured in
 * {@code bench/RESULTS.md}. Transactions that do send statements behave as before.
 */
@Configuration(proxyBeanMethods = false)
class LazyConnections {

    @Bean
    static BeanPostProcessor lazyConnectionDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    DataSource lazy = new LazyConnectionDataSourceProxy(pool);
                    return lazy;
                }
                return bean;
            }
        };
    }
}
