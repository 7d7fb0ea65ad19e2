package io.kefu.routing;

import java.nio.file.Path;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.H2Database;

/** {@link RuleDeploymentScenarios} on H2. */
@H2Database("rule-deployment")
@SpringBootTest
@AutoConfigureMockMvc
class RuleDeploymentTest extends RuleDeploymentScenarios {

    static final Path HOME = home("kefu-rules-h2");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("kefu.home", HOME::toString);
        // The tests call the refresh themselves.
        registry.add("kefu.rules.refresh-interval", () -> "PT1H");
    }

    @Override
    Path home() {
        return HOME;
    }
}
