package io.kefu.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The application on its own in-memory H2 database, on a random port (so {@code /engine-rest},
 * served by Jersey, answers too) and with MockMvc for the pages. One context shared by the token
 * and audit tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:security-admin;DB_CLOSE_DELAY=-1",
        "kefu.sync.relay.enabled=false",
        "camunda.bpm.job-execution.enabled=false"})
@AutoConfigureMockMvc
public @interface SecurityAdminTest {
}
