package io.kefu;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The module check of {@link ModuleBoundariesTest} can fail: the same verification, run over the
 * small applications under {@code io.kefu.modulefixture}, refuses a module that imports another
 * module's internal class and accepts one that uses the top-level package and a named interface.
 */
class ModuleCheckFixtureTest {

    @Test
    void failsWhenAModuleImportsAnotherModulesInternals() {
        assertThatThrownBy(() -> fixture("leaky").verify())
                .hasMessageContaining("Module 'orders' depends on non-exposed type "
                        + "io.kefu.modulefixture.leaky.billing.internal.Ledger within module 'billing'");
    }

    @Test
    void acceptsTheTopLevelPackageAndNamedInterfaces() {
        assertThatCode(() -> fixture("clean").verify()).doesNotThrowAnyException();
    }

    /** The fixture lives with the tests, which {@code ApplicationModules.of} leaves out by default. */
    static ApplicationModules fixture(String name) {
        ImportOption everything = location -> true;
        return ApplicationModules.of("io.kefu.modulefixture." + name, everything);
    }
}
