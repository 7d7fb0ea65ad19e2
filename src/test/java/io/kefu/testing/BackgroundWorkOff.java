package io.kefu.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * Neither the outbox relay's schedule, the SLA watch, the RPA bots nor Camunda's job executor runs in this test
 * context: no asynchronous continuation, timer, SLA check or delivery changes rows while a test
 * counts or drives them itself (a test that needs a pass calls the relay or executes the job directly).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = {
        "kefu.sync.relay.enabled=false",
        "kefu.sla.watch.enabled=false",
        "kefu.bots.enabled=false",
        "camunda.bpm.job-execution.enabled=false"})
public @interface BackgroundWorkOff {
}
