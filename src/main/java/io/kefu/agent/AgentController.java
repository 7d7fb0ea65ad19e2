package io.kefu.agent;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.kefu.ticket.TicketAccess;

/**
 * {@code /api/agents}: supervisors and admins read and edit agents' profiles (URL rules in
 * SecurityConfig); an agent sets their own presence, supervisors and admins anyone's (checked here:
 * {@link TicketAccess#everyTicket()} is what supervisors and admins hold).
 */
@RestController
class AgentController {

    private final AgentService agents;

    AgentController(AgentService agents) {
        this.agents = agents;
    }

    @GetMapping("/api/agents")
    List<AgentProfile> list() {
        return agents.list();
    }

    @GetMapping("/api/agents/{userId}")
    AgentProfile get(@PathVariable String userId) {
        return agents.get(userId);
    }

    @PutMapping("/api/agents/{userId}")
    AgentProfile update(@PathVariable String userId, @RequestBody AgentUpdate update) {
        return agents.update(userId, update);
    }

    @PutMapping("/api/agents/{userId}/presence")
    AgentProfile presence(@PathVariable String userId, @RequestBody PresenceRequest request, TicketAccess caller) {
        if (!caller.everyTicket() && !caller.userId().equals(userId)) {
            throw new PresenceNotAllowedException(caller.userId(), userId);
        }
        return agents.setPresence(userId, request.status());
    }

    /** 400 whose {@code field} names what to fix, as the token API does. */
    @ExceptionHandler(InvalidAgentProfileException.class)
    ProblemDetail invalid(InvalidAgentProfileException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
        problem.setProperty("field", e.field());
        return problem;
    }

    /** @param status ONLINE, AWAY or OFFLINE */
    record PresenceRequest(String status) {
    }
}
