package io.kefu.security.audit;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of audit entries, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next (older) page; null on the last page
 */
public record AuditPage(List<AuditEvent> items, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
}
