package io.kefu.sync;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * <code>POST /api/sync/destinations/{destination}/backfill</code> (admins): after switching a
 * destination on, send it the events it missed, from an event id ({@code fromEventId}) or a time
 * ({@code since}). See {@link Backfill} and docs/INTEGRATIONS.md.
 */
@RestController
class BackfillController {

    private final Backfill backfill;

    BackfillController(Backfill backfill) {
        this.backfill = backfill;
    }

    /** Exactly one of the two. */
    record BackfillRequest(Long fromEventId, String since) {
    }

    /**
     * Queues the outbox events a destination never got, for the relay to send.
     * The body is <code>{fromEventId}</code> or <code>{since}</code> (an ISO-8601 instant), exactly one; pending
     * deliveries are created for the events from there on that have none for this destination, so
     * nothing is sent twice. Answers <code>{destination, created, firstEventId, lastEventId}</code>; 400 naming
     * the field (also for an unknown destination), 409 when the destination is switched off. Audited as
     * {@code sync.backfill}. Admins only.
     */
    @PostMapping("/api/sync/destinations/{destination}/backfill")
    Backfill.Result backfill(@PathVariable String destination, @RequestBody BackfillRequest request) {
        return backfill.backfill(destination, request.fromEventId(), request.since());
    }
}
