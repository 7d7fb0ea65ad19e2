package io.kefu.knowledge;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.testing.H2Database;

/** The knowledge-base scenarios on the embedded default database (H2). */
@H2Database("workspace-page")
@SpringBootTest
@AutoConfigureMockMvc
class H2KnowledgeBaseTest extends KnowledgeBaseScenarios {
}
