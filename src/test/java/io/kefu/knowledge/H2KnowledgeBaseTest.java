package io.kefu.knowledge;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

/** The knowledge-base scenarios on the embedded default database (H2). */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:workspace-page;DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class H2KnowledgeBaseTest extends KnowledgeBaseScenarios {
}
