package io.kefu.workspace;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.kefu.ticket.SlaTarget;
import io.kefu.ticket.SlaWarning;
import io.kefu.ticket.TicketSla;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the supervisor console counts a ticket's SLA as at risk: a running target past due, or
 * past the 75 % warning recorded for its current due time; a warning of an earlier due time, a
 * stopped clock or a paused resolution clock does not count.
 */
class SupervisorConsoleAtRiskTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @ParameterizedTest(name = "[{index}] first due {0}, warned for {1}, resolution due {2} paused {3} → {4}")
    @CsvSource(nullValues = "-", value = {
            // first-response due, warning recorded for (first-response due), resolution due, paused, at risk
            "2026-12-02T10:30:00Z, -,                    -,                    false, -",
            "2026-12-02T10:30:00Z, 2026-12-02T10:30:00Z, -,                    false, FIRST_RESPONSE",
            "2026-12-02T10:30:00Z, 2026-12-02T10:10:00Z, -,                    false, -",
            "2026-12-02T10:00:00Z, -,                    -,                    false, FIRST_RESPONSE",
            "2026-12-02T09:00:00Z, -,                    -,                    false, FIRST_RESPONSE",
            "-,                    -,                    2026-12-02T09:59:00Z, false, RESOLUTION",
            "-,                    -,                    2026-12-02T09:59:00Z, true,  -",
            "-,                    -,                    -,                    false, -",
    })
    void countsARunningTargetPastDueOrPastItsWarning(Instant firstDue, Instant warnedFor, Instant resolutionDue,
            boolean paused, SlaTarget expected) {
        List<SlaWarning> warnings = warnedFor == null ? List.of()
                : List.of(new SlaWarning(SlaTarget.FIRST_RESPONSE, warnedFor, NOW.minusSeconds(60)));
        TicketSla sla = new TicketSla("standard", firstDue, null, resolutionDue, paused ? NOW.minusSeconds(600) : null,
                null, warnings, List.of());

        assertThat(SupervisorConsole.atRisk(sla, NOW)).isEqualTo(expected);
    }

    @Test
    void aTicketWithoutSlaIsNotAtRisk() {
        assertThat(SupervisorConsole.atRisk(null, NOW)).isNull();
    }
}
