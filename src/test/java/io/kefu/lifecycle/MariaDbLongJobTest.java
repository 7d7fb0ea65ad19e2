package io.kefu.lifecycle;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;

import io.kefu.testing.MariaDb;

/** Long jobs and a dead node's jobs across two nodes on one real MariaDB database ({@code -Dkefu.test.mysql=true}). */
@EnabledIf("io.kefu.testing.MariaDb#enabled")
class MariaDbLongJobTest extends LongJobScenarios {

    @BeforeAll
    static void twoNodesOnOneDatabase() {
        twoNodes(MariaDb.freshDatabase("kefu_test_long_jobs"),
                "--spring.profiles.active=mysql",
                "--spring.datasource.username=" + MariaDb.USER,
                "--spring.datasource.password=" + MariaDb.PASSWORD);
    }
}
