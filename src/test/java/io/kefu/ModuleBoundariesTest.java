package io.kefu;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The modules of ARCHITECTURE.md, found rather than listed: every top-level package under
 * {@code io.kefu} is a Spring Modulith application module, its sub-packages are internal unless
 * declared a named interface, and modules form no cycle. The direction rules below are computed over
 * whatever modules exist, so a new package is checked without editing this class. docs/modules.md
 * explains the rules; docs/modules/ holds the generated diagrams and table.
 */
@AnalyzeClasses(packages = "io.kefu", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    /** The process glue and the staff pages sit above the features and may use any of them. */
    static final Set<String> GLUE = Set.of("lifecycle", "workspace", "designer");

    /** Shared by every module; depend on no other module. */
    static final Set<String> SHARED = Set.of("text", "config");

    static final ApplicationModules MODULES = ApplicationModules.of(KefuApplication.class);

    @Test
    void everyModuleUsesOnlyTheTopLevelPackageOrNamedInterfacesOfAnotherAndNoCycles() {
        MODULES.verify();
    }

    @Test
    void everyTopLevelPackageIsAModule() {
        assertThat(MODULES.stream().map(ApplicationModule::getName))
                .contains("ticket", "customer", "conversation", "intake", "triage", "knowledge", "routing",
                        "lifecycle", "sync", "workspace", "security", "config", "text");
    }

    @Test
    void featuresNeverDependOnTheGlue() {
        for (ApplicationModule module : MODULES) {
            if (!GLUE.contains(module.getName())) {
                assertThat(dependencies(module)).as(module.getName() + " depends on").doesNotContainAnyElementsOf(GLUE);
            }
        }
    }

    @Test
    void sharedModulesDependOnNoOtherModule() {
        for (String shared : SHARED) {
            assertThat(dependencies(module(shared))).as(shared + " depends on").isEmpty();
        }
    }

    @Test
    void knowledgeDependsOnNoOtherFeature() {
        assertThat(dependencies(module("knowledge"))).as("knowledge depends on").isSubsetOf(Set.of("text"));
    }

    @Test
    void ticketsAndCustomersStandAlone() {
        assertThat(dependencies(module("customer"))).as("customer depends on").isSubsetOf(SHARED);
        assertThat(dependencies(module("ticket"))).as("ticket depends on")
                .isSubsetOf(Set.of("customer", "text", "config"));
    }

    /** Modulith checks modules; this keeps the shared text module free of any library too. */
    @ArchTest
    static final ArchRule customerTextDependsOnNothingInKefu = noClasses()
            .that().resideInAPackage("io.kefu.text..")
            .should().dependOnClassesThat().resideOutsideOfPackages("io.kefu.text..", "java..");

    static ApplicationModule module(String name) {
        return MODULES.getModuleByName(name).orElseThrow(() -> new AssertionError("no module " + name));
    }

    static List<String> dependencies(ApplicationModule module) {
        return module.getDirectDependencies(MODULES).uniqueModules().map(ApplicationModule::getName).sorted().toList();
    }
}
