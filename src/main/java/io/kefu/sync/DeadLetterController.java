package io.kefu.sync;

import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/sync/dead-letters} (admins): list dead letters by destination in pages linked by
 * {@code cursor}, replay one, a selection or all, and discard one. See docs/INTEGRATIONS.md.
 */
@RestController
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** Body of a bulk replay: both fields optional (no body at all = every dead letter). */
    record ReplayRequest(String destination, List<Long> ids) {
    }

    /**
     * Lists dead letters, the deliveries the relay gave up on, oldest first.
     * Filters by {@code destination} ({@code crm} or {@code erp}); pages of {@code limit} (1 to 200,
     * default 50) are linked by {@code cursor}: pass back {@code nextCursor}, which is null on the last
     * page. 400 naming the bad parameter. Admins only.
     */
    @GetMapping("/api/sync/dead-letters")
    DeadLetters.Page list(@RequestParam(required = false) String destination,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return deadLetters.page(destination, cursor, limit);
    }

    /**
     * Replays one dead letter, making it pending again at once.
     * It gets a fresh set of attempts; answers the dead letter as it was. 404 when there is no dead letter
     * with that id (never one, or already replayed or discarded). Audited as
     * {@code sync.dead-letter.replay}. Admins only.
     */
    @PostMapping("/api/sync/dead-letters/{id}/replay")
    DeadLetters.DeadLetter replay(@PathVariable long id) {
        return deadLetters.replay(id);
    }

    /**
     * Replays every dead letter, those of one destination, or a chosen few.
     * Without a body every dead letter is replayed; <code>{destination, ids}</code> narrows it to one
     * destination, to those ids, or both (either field optional). Answers <code>{replayed, ids}</code>; ids that
     * are no dead letter are left out. 400 on an unknown destination or an empty {@code ids}. Audited as
     * {@code sync.dead-letter.replay}. Admins only.
     */
    @PostMapping("/api/sync/dead-letters/replay")
    DeadLetters.Replayed replayMany(@RequestBody(required = false) ReplayRequest request) {
        return request == null ? deadLetters.replay(null, null) : deadLetters.replay(request.destination(), request.ids());
    }

    /**
     * Discards a dead letter for good.
     * It is kept as {@code DISCARDED} for the record, and the ticket's later events for that destination
     * go on. Answers 204; 404 when there is no dead letter with that id. Audited as
     * {@code sync.dead-letter.discard}. Admins only.
     */
    @DeleteMapping("/api/sync/dead-letters/{id}")
    ResponseEntity<Void> discard(@PathVariable long id) {
        deadLetters.discard(id);
        return ResponseEntity.noContent().build();
    }
}
