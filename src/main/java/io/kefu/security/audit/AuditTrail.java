package io.kefu.security.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.stereotype.Service;

import io.kefu.security.AuditLog;
import io.kefu.security.AuditOutcome;

/**
 * What admins read of the audit log: filtered pages, newest first, with an opaque cursor to the
 * next (older) page, and the whole filtered log as CSV. An export is itself audited
 * ({@code audit.export}).
 */
@Service
public class AuditTrail {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    /** Rows read per query while exporting, so a large export never holds the whole log in memory. */
    private static final int EXPORT_BATCH = 1000;
    private static final String[] COLUMNS = {"id", "occurred_at", "actor", "address", "action", "target", "outcome",
            "detail"};

    private final AuditEvents events;
    private final AuditLog audit;

    AuditTrail(AuditEvents events, AuditLog audit) {
        this.events = events;
        this.audit = audit;
    }

    /**
     * One page of entries matching the query.
     *
     * @param cursor a {@link AuditPage#nextCursor()} of an earlier page, or null for the newest entries
     * @param limit  1 to {@value #MAX_LIMIT}, or null for {@value #DEFAULT_LIMIT}
     * @throws InvalidAuditQueryException for a cursor this API did not hand out or a limit out of range
     */
    public AuditPage page(AuditQuery query, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidAuditQueryException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Long before = AuditCursor.read(cursor);
        List<AuditEvent> found = events.find(query, before, size + 1);
        if (found.size() <= size) {
            return new AuditPage(found, null);
        }
        List<AuditEvent> items = found.subList(0, size);
        return new AuditPage(List.copyOf(items), AuditCursor.after(items.get(size - 1).id()));
    }

    /**
     * Writes every entry matching the query as CSV (RFC 4180, header row, newest first) and audits
     * the export. Cells that a spreadsheet would run as a formula get a leading apostrophe.
     *
     * @return the number of entries written
     */
    public long exportCsv(AuditQuery query, Writer out) throws IOException {
        long written = 0;
        try {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS).get());
            Long before = null;
            List<AuditEvent> batch;
            do {
                batch = events.find(query, before, EXPORT_BATCH);
                for (AuditEvent e : batch) {
                    csv.printRecord(e.id(), DateTimeFormatter.ISO_INSTANT.format(e.occurredAt()), cell(e.actor()),
                            cell(e.address()), cell(e.action()), cell(e.target()), e.outcome().name(), cell(e.detail()));
                }
                written += batch.size();
                before = batch.isEmpty() ? null : batch.get(batch.size() - 1).id();
            } while (batch.size() == EXPORT_BATCH);
            csv.flush();
        } catch (IOException | RuntimeException e) {
            audit.record("audit.export", "audit_event", AuditOutcome.FAILED, describe(query) + "; " + written
                    + " entries written before: " + e.getClass().getSimpleName());
            throw e;
        }
        audit.record("audit.export", "audit_event", AuditOutcome.SUCCESS, describe(query) + "; " + written + " entries");
        return written;
    }

    /** Neutralises spreadsheet formulas (CSV injection): an entry's target or detail may come from a client. */
    private static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    private static String describe(AuditQuery query) {
        List<String> filters = new ArrayList<>();
        if (query.since() != null) {
            filters.add("since " + query.since());
        }
        if (query.actor() != null) {
            filters.add("actor " + query.actor());
        }
        if (query.action() != null) {
            filters.add("action " + query.action());
        }
        if (query.outcome() != null) {
            filters.add("outcome " + query.outcome());
        }
        return filters.isEmpty() ? "all entries" : String.join(", ", filters);
    }
}
