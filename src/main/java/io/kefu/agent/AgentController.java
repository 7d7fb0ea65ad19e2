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

    /**
     * Lists the agents with their profiles, presence and current load.
     * The members of group {@code agents} and everyone with a stored profile, by user id; a user without
     * a profile is {@code OFFLINE} with the default capacity. Supervisors and admins.
     */
    @GetMapping("/api/agents")
    List<AgentProfile> list() {
        return agents.list();
    }

    /**
     * Reads one agent's profile, presence and current load.
     * 404 when there is no such user. Supervisors and admins.
     */
    @GetMapping("/api/agents/{userId}")
    AgentProfile get(@PathVariable String userId) {
        return agents.get(userId);
    }

    /**
     * Replaces an agent's skills, languages, capacity and working hours.
     * The body is <code>{skills, languages, capacity, workingHours}</code>, {@code capacity} holding
     * {@code chat} and {@code email} (0 to 100) and {@code workingHours} optional; answers the agent. 400
     * whose {@code field} names the first bad value, with nothing stored; 404 when there is no such user.
     * Audited as {@code agent.update}. Supervisors and admins.
     */
    @PutMapping("/api/agents/{userId}")
    AgentProfile update(@PathVariable String userId, @RequestBody AgentUpdate update) {
        return agents.update(userId, update);
    }

    /**
     * Sets an agent's presence to online, away or offline.
     * The body is <code>{status}</code>, one of {@code ONLINE}, {@code AWAY}, {@code OFFLINE} (400 otherwise);
     * the same status again changes nothing. An agent may set only their own presence (another user's is
     * 403), supervisors and admins anyone's. Answers the agent; 404 when there is no such user. Audited as
     * {@code agent.presence} when it changes.
     */
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
