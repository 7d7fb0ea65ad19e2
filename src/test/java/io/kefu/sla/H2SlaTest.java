package io.kefu.sla;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

/** The SLA scenarios on the embedded database. Its own database: the moved clock must not meet other tests' tickets. */
@H2Database("sla")
@SpringBootTest
@Import(SlaScenarios.Clocks.class)
class H2SlaTest extends SlaScenarios {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        commonProperties(registry);
    }
}
