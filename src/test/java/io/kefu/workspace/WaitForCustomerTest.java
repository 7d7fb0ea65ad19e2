package io.kefu.workspace;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import io.kefu.testing.H2Database;

/** {@link WaitForCustomerScenarios} on H2. */
@H2Database("wait-for-customer")
@SpringBootTest
@AutoConfigureMockMvc
@Import(WaitForCustomerScenarios.Clocks.class)
class WaitForCustomerTest extends WaitForCustomerScenarios {
}
