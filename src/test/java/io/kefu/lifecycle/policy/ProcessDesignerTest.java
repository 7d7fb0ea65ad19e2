package io.kefu.lifecycle.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The process designer's routes as its page calls them, on an application whose {@code kefu.home}
 * holds a copy of {@code processes/}: the model served as deployed, a changed model deployed as
 * the next version and written back into {@code processes/}, a refused model deploying nothing and
 * writing nothing, and the page for designers only.
 */
@H2Database("process-designer")
@SpringBootTest
@AutoConfigureMockMvc
class ProcessDesignerTest {

    static final Path HOME = home();
    static final RequestPostProcessor DESIGNER = user("dora").authorities(new SimpleGrantedAuthority("ROLE_DESIGNER"));
    static final RequestPostProcessor AGENT = user("alice").authorities(new SimpleGrantedAuthority("ROLE_AGENT"));

    static Path home() {
        try {
            Path home = Files.createTempDirectory("kefu-designer");
            Files.createDirectories(home.resolve("processes"));
            for (String file : new String[] {"TicketLifecycle.bpmn", "RefundRequest.bpmn"}) {
                Files.copy(Path.of("processes", file), home.resolve("processes").resolve(file));
            }
            return home;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("kefu.home", HOME::toString);
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    RepositoryService repository;
    @Autowired
    org.camunda.bpm.engine.RuntimeService runtime;
    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void aChangedModelIsDeployedAsTheNextVersionAndWrittenBackARefusedOneChangesNothing() throws Exception {
        long ticket = io.kefu.testing.TestTickets.in(context).queued("designer-migrate", "My invoice is wrong", io.kefu.ticket.Topic.BILLING);
        var first = repository.createProcessDefinitionQuery().processDefinitionKey("TicketLifecycle").latestVersion().singleResult();
        String xml = mvc.perform(get("/designer/processes/{id}/xml", first.getId()).with(DESIGNER)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(xml).isEqualTo(Files.readString(Path.of("processes/TicketLifecycle.bpmn")));
        String page = mvc.perform(get("/designer").with(DESIGNER)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("data-key=\"TicketLifecycle\"", "data-id=\"" + first.getId() + "\"");

        String refused = xml.replaceFirst("<bpmn:userTask id=\"Task_AgentWork\"", "<bpmn:scriptTask id=\"Task_AgentWork\" scriptFormat=\"groovy\"")
                .replaceFirst("(?s)(<bpmn:scriptTask id=\"Task_AgentWork\".*?)</bpmn:userTask>", "$1<bpmn:script>1</bpmn:script></bpmn:scriptTask>");
        JsonNode problems = deploy(first.getId(), refused, true, 422);
        assertThat(problems.get("problems").findValuesAsText("elementId")).contains("Task_AgentWork");
        assertThat(Files.readString(HOME.resolve("processes/TicketLifecycle.bpmn"))).as("nothing written").isEqualTo(xml);

        String renamed = xml.replace("name=\"Work on ticket\"", "name=\"Answer the customer\"");
        JsonNode deployed = deploy(first.getId(), renamed, true, 200);
        assertThat(deployed.get("version").asInt()).isEqualTo(first.getVersion() + 1);
        assertThat(deployed.get("writtenBack").asBoolean()).isTrue();
        assertThat(Files.readString(HOME.resolve("processes/TicketLifecycle.bpmn"))).isEqualTo(renamed);
        var second = repository.createProcessDefinitionQuery().processDefinitionKey("TicketLifecycle").latestVersion().singleResult();
        assertThat(second.getId()).isEqualTo(deployed.get("processDefinitionId").asText());
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("TicketLifecycle").count()).isEqualTo(2);

        // The running ticket moves from version 1 to version 2: previewed, then migrated in a batch.
        JsonNode preview = json.readTree(mvc.perform(get("/designer/processes/{id}/migration", first.getId())
                .param("to", second.getId()).with(DESIGNER)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(preview.get("valid").asBoolean()).as(preview.toString()).isTrue();
        assertThat(preview.get("instructions").findValuesAsText("source")).contains("Task_AgentWork");
        JsonNode instance = preview.get("instances").get(0);
        assertThat(instance.get("businessKey").asText()).isEqualTo(String.valueOf(ticket));
        assertThat(instance.get("canMigrate").asBoolean()).as(instance.toString()).isTrue();
        JsonNode started = json.readTree(mvc.perform(post("/designer/processes/{id}/migration", first.getId()).with(DESIGNER)
                .with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("to", second.getId()))))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString());
        assertThat(started.get("instances").asInt()).isEqualTo(1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> json.readTree(
                mvc.perform(get("/designer/batches/{b}", started.get("batchId").asText()).with(DESIGNER)).andReturn()
                        .getResponse().getContentAsString()).path("done").asBoolean());
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(ticket)).singleResult()
                .getProcessDefinitionId()).isEqualTo(second.getId());

        mvc.perform(get("/designer").with(AGENT)).andExpect(status().isForbidden());
        mvc.perform(get("/designer/processes/{id}", "nope").with(DESIGNER)).andExpect(status().isNotFound());
    }

    private JsonNode deploy(String id, String xml, boolean writeBack, int expected) throws Exception {
        return json.readTree(mvc.perform(post("/designer/processes/{id}/deploy", id).with(DESIGNER).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("xml", xml, "writeBack", writeBack))))
                .andExpect(status().is(expected)).andReturn().getResponse().getContentAsString());
    }
}
