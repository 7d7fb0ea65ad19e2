package io.kefu.config;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

import io.kefu.intake.MessageTooLongException;
import io.kefu.ticket.TicketNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status comes from the feature's exception class; config names no feature. */
class FeatureProblemsTest {

    final FeatureProblems problems = new FeatureProblems();

    @Test
    void aFeatureExceptionBecomesAProblemWithItsDeclaredStatusAndMessage() {
        ProblemDetail problem = problems.declared(new MessageTooLongException(10_001, 10_000));

        assertThat(problem.getStatus()).isEqualTo(413);
        assertThat(problem.getTitle()).isEqualTo("Payload Too Large");
        assertThat(problem.getDetail()).isEqualTo("Message text has 10001 characters; at most 10000 are accepted");
    }

    @Test
    void aFeatureExceptionWrappedByTheEngineIsFoundAsTheCause() {
        ProblemDetail problem = problems.declared(new ProcessEngineException("delegate failed", new TicketNotFoundException(7)));

        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getDetail()).isEqualTo("Ticket 7 does not exist");
    }

    @Test
    void anExceptionWithoutADeclaredStatusIsLeftToSpring() {
        IllegalStateException unexpected = new IllegalStateException("internal detail");

        assertThatThrownBy(() -> problems.declared(unexpected)).isSameAs(unexpected);
    }
}
