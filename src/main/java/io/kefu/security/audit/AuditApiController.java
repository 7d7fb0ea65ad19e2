package io.kefu.security.audit;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/admin/audit}: the audit log for admins, filtered by {@code since}, {@code actor},
 * {@code action} (and {@code outcome}), newest first, in pages of {@code limit} linked by
 * {@code cursor}; {@code format=csv} exports every matching entry instead.
 */
@RestController
class AuditApiController {

    private final AuditTrail trail;
    private final Clock clock;

    AuditApiController(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    /**
     * Reads the audit log, newest first, in pages or as a CSV export.
     * Filters by {@code since} (an ISO-8601 instant or date, UTC), {@code actor} (exact), {@code action}
     * (exact, or a prefix ending in {@code *}) and {@code outcome} ({@code SUCCESS}, {@code REFUSED},
     * {@code FAILED}). Answers <code>{items, nextCursor}</code> in pages of {@code limit} (1 to 500, default
     * 50): pass {@code nextCursor} back as {@code cursor} for older entries (null on the last page). 400
     * naming the bad parameter. With {@code format=csv}, every matching entry is exported instead. Admins
     * only.
     */
    @GetMapping("/api/admin/audit")
    AuditPage page(@RequestParam(required = false) String since, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return trail.page(AuditQuery.of(since, actor, action, outcome), cursor, limit);
    }

    /**
     * Reads the audit log, newest first, in pages or as a CSV export.
     * This is the export, with {@code format=csv}: every entry matching {@code since}, {@code actor},
     * {@code action} and {@code outcome} as a CSV download, never cached, itself audited as
     * {@code audit.export}. 400 naming the bad parameter. Admins only.
     */
    @GetMapping(path = "/api/admin/audit", params = "format=csv")
    void csv(@RequestParam(required = false) String since, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action, @RequestParam(required = false) String outcome,
            HttpServletResponse response) throws IOException {
        AuditQuery query = AuditQuery.of(since, actor, action, outcome);
        AuditCsvResponse.prepare(response, clock.instant());
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        trail.exportCsv(query, out);
        out.flush();
    }

    @ExceptionHandler(InvalidAuditQueryException.class)
    ProblemDetail invalid(InvalidAuditQueryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid request: " + e.getMessage());
        problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
        problem.setProperty("field", e.parameter());
        return problem;
    }
}
