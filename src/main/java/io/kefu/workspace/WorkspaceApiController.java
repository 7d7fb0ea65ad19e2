package io.kefu.workspace;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.kefu.conversation.Message;
import io.kefu.ticket.TicketView;

/** The agent workspace as JSON, for agent apps and tests. */
@RestController
class WorkspaceApiController {

    private final AgentWorkService work;

    WorkspaceApiController(AgentWorkService work) {
        this.work = work;
    }

    @GetMapping("/api/workspace/tasks")
    Map<String, List<AgentTask>> tasks(Authentication user) {
        return work.openTasksByQueue(Agent.of(user));
    }

    @PostMapping("/api/tickets/{id}/claim")
    TicketView claim(@PathVariable long id, Authentication user) {
        return work.claim(id, Agent.of(user));
    }

    @PostMapping("/api/tickets/{id}/replies")
    @ResponseStatus(HttpStatus.CREATED)
    Message reply(@PathVariable long id, @Valid @RequestBody Reply reply, Authentication user) {
        return work.reply(id, Agent.of(user), reply.text());
    }

    @PostMapping("/api/tickets/{id}/resolve")
    TicketView resolve(@PathVariable long id, Authentication user) {
        return work.resolve(id, Agent.of(user));
    }

    @GetMapping("/api/tickets/{id}/messages")
    List<Message> messages(@PathVariable long id) {
        return work.transcript(id);
    }

    @ExceptionHandler(TaskNotAvailableException.class)
    ProblemDetail notAvailable(TaskNotAvailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle(HttpStatus.CONFLICT.getReasonPhrase());
        return problem;
    }

    record Reply(@NotBlank @Size(max = 10000) String text) {
    }
}
