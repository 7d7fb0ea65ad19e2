package io.kefu.security;

import java.util.Collection;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.stereotype.Controller;

import io.kefu.ticket.TicketService;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Pages and API calls read tickets only through the caller's {@code TicketAccess}: the unscoped
 * reads of {@link TicketService} are for the lifecycle, intake and integrations, never for a
 * controller (a forgotten scope would show an agent another queue's ticket).
 */
@AnalyzeClasses(packages = "io.kefu", importOptions = ImportOption.DoNotIncludeTests.class)
class ScopedTicketReadsTest {

    @ArchTest
    static final ArchRule controllersReadTicketsOnlyWithTheCallersAccess = noClasses()
            .that().areMetaAnnotatedWith(Controller.class)
            .should().callMethod(TicketService.class, "find", long.class)
            .orShould().callMethod(TicketService.class, "get", long.class)
            .orShould().callMethod(TicketService.class, "findAll", Collection.class)
            .orShould().callMethod(TicketService.class, "findOpenForCustomer", long.class);
}
