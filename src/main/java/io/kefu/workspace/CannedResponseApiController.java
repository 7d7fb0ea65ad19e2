package io.kefu.workspace;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.kefu.ticket.TicketAccess;

/**
 * Canned responses as JSON: {@code GET /api/canned-responses?q=} (the caller's own and their teams';
 * with {@code ticketId} filled for that ticket), {@code POST} {@code {title, text, language, scope,
 * team?}}, {@code PUT} and {@code DELETE /api/canned-responses/{id}}. 400 names a bad field; a
 * response the caller may not see answers 404, as a missing one.
 */
@RestController
class CannedResponseApiController {

    private final CannedResponseService responses;

    CannedResponseApiController(CannedResponseService responses) {
        this.responses = responses;
    }

    @GetMapping("/api/canned-responses")
    List<CannedResponse> list(@RequestParam(required = false) String q, @RequestParam(required = false) Long ticketId,
            TicketAccess access) {
        return ticketId == null ? responses.list(access, q) : responses.forTicket(ticketId, access, q);
    }

    @GetMapping("/api/canned-responses/{id}")
    CannedResponse get(@PathVariable long id, TicketAccess access) {
        return responses.get(id, access);
    }

    @PostMapping("/api/canned-responses")
    @ResponseStatus(HttpStatus.CREATED)
    CannedResponse create(@RequestBody CannedResponseDraft draft, TicketAccess access) {
        return responses.create(draft, access);
    }

    @PutMapping("/api/canned-responses/{id}")
    CannedResponse update(@PathVariable long id, @RequestBody CannedResponseDraft draft, TicketAccess access) {
        return responses.update(id, draft, access);
    }

    @DeleteMapping("/api/canned-responses/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable long id, TicketAccess access) {
        responses.delete(id, access);
    }

    @ExceptionHandler(InvalidCannedResponseException.class)
    ProblemDetail invalid(InvalidCannedResponseException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
        problem.setProperty("field", e.field());
        return problem;
    }
}
