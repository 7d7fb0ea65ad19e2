package io.kefu.workspace;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.testing.H2Database;

/** {@link CannedResponsesAndMergeScenarios} on H2. */
@H2Database("canned-merge")
@SpringBootTest
@AutoConfigureMockMvc
class CannedResponsesAndMergeTest extends CannedResponsesAndMergeScenarios {
}
