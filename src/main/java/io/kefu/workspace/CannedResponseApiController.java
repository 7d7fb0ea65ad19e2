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
 * team?}}, {@code PUT} and <code>DELETE /api/canned-responses/{id}</code>. 400 names a bad field; a
 * response the caller may not see answers 404, as a missing one.
 */
@RestController
class CannedResponseApiController {

    private final CannedResponseService responses;

    CannedResponseApiController(CannedResponseService responses) {
        this.responses = responses;
    }

    /**
     * Lists the canned responses the caller may use.
     * The caller's own ({@code PERSONAL}) and their teams' ({@code TEAM}; supervisors and admins see every
     * team's), by title, at most 50, only those whose title or text contains {@code q} when given (at
     * most 120 characters, 400 otherwise). With {@code ticketId} the placeholders come back filled for
     * that ticket and responses in its language come first; 404 for a ticket out of the caller's reach.
     */
    @GetMapping("/api/canned-responses")
    List<CannedResponse> list(@RequestParam(required = false) String q, @RequestParam(required = false) Long ticketId,
            TicketAccess access) {
        return ticketId == null ? responses.list(access, q) : responses.forTicket(ticketId, access, q);
    }

    /**
     * Reads one canned response.
     * 404 when there is none with that id or the caller may not see it (another person's personal
     * response, or one of a team the caller does not work).
     */
    @GetMapping("/api/canned-responses/{id}")
    CannedResponse get(@PathVariable long id, TicketAccess access) {
        return responses.get(id, access);
    }

    /**
     * Creates a canned response, personal or shared with a team.
     * The body is <code>{title, text, language, scope, team}</code>: a title of 1 to 120 characters, a text of
     * 1 to 10,000, language {@code zh} or {@code en}, scope {@code PERSONAL} or {@code TEAM}, and for a
     * team response the queue whose agents share it (an author who works exactly one queue may leave it
     * out). Answers 201 with the response; 400 whose {@code field} names a bad value, such as a team the
     * caller does not work.
     */
    @PostMapping("/api/canned-responses")
    @ResponseStatus(HttpStatus.CREATED)
    CannedResponse create(@RequestBody CannedResponseDraft draft, TicketAccess access) {
        return responses.create(draft, access);
    }

    /**
     * Replaces a canned response's title, text, language and scope.
     * The body is as for creating one; answers the changed response. 404 for one the caller may not see,
     * 400 whose {@code field} names a bad value.
     */
    @PutMapping("/api/canned-responses/{id}")
    CannedResponse update(@PathVariable long id, @RequestBody CannedResponseDraft draft, TicketAccess access) {
        return responses.update(id, draft, access);
    }

    /**
     * Deletes a canned response.
     * Answers 204; 404 for one the caller may not see, as for one that does not exist.
     */
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
