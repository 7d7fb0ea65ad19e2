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

    @GetMapping("/api/sync/dead-letters")
    DeadLetters.Page list(@RequestParam(required = false) String destination,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        return deadLetters.page(destination, cursor, limit);
    }

    @PostMapping("/api/sync/dead-letters/{id}/replay")
    DeadLetters.DeadLetter replay(@PathVariable long id) {
        return deadLetters.replay(id);
    }

    @PostMapping("/api/sync/dead-letters/replay")
    DeadLetters.Replayed replayMany(@RequestBody(required = false) ReplayRequest request) {
        return request == null ? deadLetters.replay(null, null) : deadLetters.replay(request.destination(), request.ids());
    }

    @DeleteMapping("/api/sync/dead-letters/{id}")
    ResponseEntity<Void> discard(@PathVariable long id) {
        deadLetters.discard(id);
        return ResponseEntity.noContent().build();
    }
}
