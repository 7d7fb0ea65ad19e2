package io.kefu.lifecycle;

import org.junit.jupiter.api.BeforeAll;

import io.kefu.testing.H2Database;

/**
 * Long jobs and a dead node's jobs across two nodes on one embedded H2 database: an in-memory H2 kept
 * open for the JVM is shared by every connection pool in it, so the two contexts see one database.
 */
class H2LongJobTest extends LongJobScenarios {

    @BeforeAll
    static void twoNodesOnOneDatabase() {
        twoNodes(H2Database.Factory.url("long-jobs"));
    }
}
