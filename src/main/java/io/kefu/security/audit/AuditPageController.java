package io.kefu.security.audit;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.kefu.security.AuditOutcome;

/** The admins' audit page {@code /admin/audit}: filters, the entries newest first, older pages, CSV export. */
@Controller
class AuditPageController {

    private static final int PAGE_SIZE = 50;

    private final AuditTrail trail;
    private final Clock clock;

    AuditPageController(AuditTrail trail, Clock clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @GetMapping("/admin/audit")
    String page(@RequestParam(required = false) String since, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String cursor, Model model, HttpServletResponse response) {
        model.addAttribute("since", since == null ? "" : since.strip());
        model.addAttribute("actor", actor == null ? "" : actor.strip());
        model.addAttribute("action", action == null ? "" : action.strip());
        model.addAttribute("outcome", outcome == null ? "" : outcome.strip().toUpperCase(Locale.ROOT));
        model.addAttribute("outcomes", AuditOutcome.values());
        model.addAttribute("first", cursor == null || cursor.isBlank());
        try {
            model.addAttribute("page", trail.page(AuditQuery.of(since, actor, action, outcome), cursor, PAGE_SIZE));
        } catch (InvalidAuditQueryException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", "admin.audit.error." + e.parameter());
        }
        return "admin/audit";
    }

    @GetMapping("/admin/audit.csv")
    void csv(@RequestParam(required = false) String since, @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action, @RequestParam(required = false) String outcome,
            HttpServletResponse response) throws IOException {
        AuditQuery query;
        try {
            query = AuditQuery.of(since, actor, action, outcome);
        } catch (InvalidAuditQueryException e) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        AuditCsvResponse.prepare(response, clock.instant());
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        trail.exportCsv(query, out);
        out.flush();
    }
}
