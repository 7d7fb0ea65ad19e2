package io.kefu.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The OpenAPI document as a reader of Swagger UI meets it: Kefu's title, version and description,
 * the two sign-in schemes, every operation under a described module tag with a summary in words,
 * and a request or response body that Swagger UI can show an example of; Swagger UI itself only for
 * staff, and the document readable, never writable.
 */
@H2Database("api-documentation")
@SpringBootTest
@AutoConfigureMockMvc
class ApiDocumentationTest {

    static final RequestPostProcessor AGENT = user("alice").authorities(new SimpleGrantedAuthority("ROLE_AGENT"));

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    @Test
    void theDocumentHasATitleAVersionADescriptionAndBothWaysToSignIn() throws Exception {
        JsonNode api = document();
        assertThat(api.at("/info/title").asText()).isEqualTo("Kefu API");
        assertThat(api.at("/info/version").asText()).isNotBlank().isNotEqualTo("v0");
        assertThat(api.at("/info/description").asText()).contains("POST /api/messages", "Bearer", "problem JSON");
        assertThat(api.at("/components/securitySchemes/apiToken/scheme").asText()).isEqualTo("bearer");
        assertThat(api.at("/components/securitySchemes/staffLogin/scheme").asText()).isEqualTo("basic");
        List<String> requirements = new ArrayList<>();
        api.get("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(requirements::add));
        assertThat(requirements).containsExactlyInAnyOrder("apiToken", "staffLogin");
    }

    @Test
    void everyOperationHasASummaryAModuleTagAndBodiesWithSchemas() throws Exception {
        JsonNode api = document();
        List<String> tags = new ArrayList<>();
        api.get("tags").forEach(tag -> {
            tags.add(tag.get("name").asText());
            assertThat(tag.path("description").asText()).as("tag " + tag.get("name")).isNotBlank();
        });
        assertThat(tags).contains("intake", "ticket", "routing", "knowledge").doesNotHaveDuplicates()
                .allSatisfy(tag -> assertThat(ApiDocumentation.MODULES).containsKey(tag));
        List<String> operations = new ArrayList<>();
        List<String> undescribed = new ArrayList<>();
        api.get("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (!List.of("get", "post", "put", "delete", "patch").contains(method.getKey())) {
                return;
            }
            String name = method.getKey().toUpperCase() + " " + path.getKey();
            operations.add(name);
            JsonNode operation = method.getValue();
            assertThat(operation.path("summary").asText()).as(name).isNotBlank().doesNotContain("_", "<", "{@");
            if (operation.path("description").asText().isBlank()) {
                undescribed.add(name);
            }
            assertThat(operation.get("tags")).as(name).hasSize(1);
            assertThat(tags).as(name).contains(operation.get("tags").get(0).asText());
            operation.path("requestBody").path("content").forEach(media ->
                    assertThat(media.has("schema")).as(name + " request schema").isTrue());
            operation.path("responses").forEach(response -> response.path("content").forEach(media ->
                    assertThat(media.has("schema")).as(name + " response schema").isTrue()));
        }));
        assertThat(operations).contains("POST /api/messages", "GET /api/tickets", "POST /api/tickets/{id}/notes",
                "POST /api/rules/check").hasSizeGreaterThan(50);
        // The Javadoc of the controller's method is the description, its first sentence the summary.
        assertThat(undescribed).as("operations whose method has no Javadoc").isEmpty();
        assertThat(api.at("/paths/~1api~1tickets~1{id}~1notes/post/summary").asText())
                .isEqualTo("An internal note");
        assertThat(api.toString()).doesNotContain("\"name\":\"access\"", "</code>}");
        assertThat(api.at("/paths/~1api~1messages/post/description").asText()).contains("<code>{ticketId, conversationId");
    }

    @Test
    void swaggerUiIsForStaffAndTheDocumentIsReadOnly() throws Exception {
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
        mvc.perform(get("/swagger-ui/index.html").with(AGENT)).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isUnauthorized());
        mvc.perform(get("/v3/api-docs").with(httpBasic("demo", "demo"))).andExpect(status().isOk());
        mvc.perform(post("/v3/api-docs").with(AGENT)).andExpect(status().isForbidden());
        JsonNode config = json.readTree(mvc.perform(get("/v3/api-docs/swagger-config").with(AGENT))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(config.get("url").asText()).isEqualTo("/v3/api-docs");
        assertThat(json.convertValue(config, Map.class)).doesNotContainKey("urls");
    }

    private JsonNode document() throws Exception {
        return json.readTree(mvc.perform(get("/v3/api-docs").with(AGENT)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString());
    }
}
