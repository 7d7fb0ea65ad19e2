package io.kefu;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package dependencies of ARCHITECTURE.md: features never depend on the glue above them. */
@AnalyzeClasses(packages = "io.kefu", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static final ArchRule featuresDoNotDependOnTheGlue = noClasses()
            .that().resideInAnyPackage("io.kefu.ticket..", "io.kefu.customer..", "io.kefu.conversation..",
                    "io.kefu.routing..", "io.kefu.triage..", "io.kefu.sync..", "io.kefu.intake..",
                    "io.kefu.knowledge..")
            .should().dependOnClassesThat().resideInAnyPackage("io.kefu.lifecycle..", "io.kefu.workspace..");

    @ArchTest
    static final ArchRule knowledgeDependsOnNoOtherFeature = noClasses()
            .that().resideInAPackage("io.kefu.knowledge..")
            .should().dependOnClassesThat().resideInAnyPackage("io.kefu.ticket..", "io.kefu.customer..",
                    "io.kefu.conversation..", "io.kefu.intake..", "io.kefu.triage..", "io.kefu.routing..",
                    "io.kefu.sync..", "io.kefu.lifecycle..", "io.kefu.workspace..", "io.kefu.security..",
                    "io.kefu.config..");

    @ArchTest
    static final ArchRule ticketsAndCustomersStandAlone = noClasses()
            .that().resideInAnyPackage("io.kefu.ticket..", "io.kefu.customer..")
            .should().dependOnClassesThat().resideInAnyPackage("io.kefu.conversation..", "io.kefu.intake..",
                    "io.kefu.routing..", "io.kefu.sync..", "io.kefu.triage..", "io.kefu.security..");

    @ArchTest
    static final ArchRule customerTextDependsOnNothingInKefu = noClasses()
            .that().resideInAPackage("io.kefu.text..")
            .should().dependOnClassesThat().resideOutsideOfPackages("io.kefu.text..", "java..");

    @ArchTest
    static final ArchRule noCycles = slices().matching("io.kefu.(*)..").should().beFreeOfCycles();
}
