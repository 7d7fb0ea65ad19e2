package io.kefu.sync;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/sync/destinations/{destination}/backfill} (admins): after switching a
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

    @PostMapping("/api/sync/destinations/{destination}/backfill")
    Backfill.Result backfill(@PathVariable String destination, @RequestBody BackfillRequest request) {
        return backfill.backfill(destination, request.fromEventId(), request.since());
    }
}
