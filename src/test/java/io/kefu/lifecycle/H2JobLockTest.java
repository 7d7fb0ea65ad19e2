package io.kefu.lifecycle;

import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.testing.BackgroundWorkOff;
import io.kefu.testing.H2Database;

/** Job locks across a crash on the embedded default database (H2). */
@H2Database("job-locks")
@BackgroundWorkOff
@SpringBootTest(properties = "kefu.node.id=" + JobLockScenarios.NODE)
class H2JobLockTest extends JobLockScenarios {
}
