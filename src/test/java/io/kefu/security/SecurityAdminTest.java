package io.kefu.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.H2Database;

/**
 * The application on its own in-memory H2 database, on a random port (so {@code /engine-rest},
 * served by Jersey, answers too) and with MockMvc for the pages. One context shared by the token
 * and audit tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@H2Database("security-admin")
@BackgroundWorkOff
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public @interface SecurityAdminTest {
}
