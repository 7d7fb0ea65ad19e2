package io.kefu.lifecycle.policy;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/processes/validate} as the process designer sends a model: the shipped
 * lifecycles are valid; a script task is refused by the deployment policy with its element id (and
 * never compiled); a flow to an element that does not exist is the engine parser's problem; a task
 * connected to nothing is bpmnlint's {@code no-disconnected}; nothing is deployed; agents may not ask.
 */
@H2Database("process-validation")
@SpringBootTest
@AutoConfigureMockMvc
class ProcessValidationTest {

    static final RequestPostProcessor DESIGNER = user("dora").authorities(new SimpleGrantedAuthority("ROLE_DESIGNER"));
    static final RequestPostProcessor AGENT = user("alice").authorities(new SimpleGrantedAuthority("ROLE_AGENT"));

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;

    static String model(String elements) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="http://kefu.io/test">
                  <bpmn:process id="Validated" isExecutable="true">
                    <bpmn:startEvent id="Start"><bpmn:outgoing>Flow_1</bpmn:outgoing></bpmn:startEvent>
                    %s
                    <bpmn:endEvent id="End"><bpmn:incoming>Flow_2</bpmn:incoming></bpmn:endEvent>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(elements);
    }

    @Test
    void theShippedLifecyclesAreValid() throws Exception {
        long before = repository.createDeploymentQuery().count();
        for (String file : new String[] {"processes/TicketLifecycle.bpmn", "processes/RefundRequest.bpmn"}) {
            JsonNode answer = validate(Files.readString(Path.of(file)), 200);
            assertThat(answer.get("valid").asBoolean()).as(file).isTrue();
        }
        assertThat(repository.createDeploymentQuery().count()).as("nothing deployed").isEqualTo(before);
    }

    @Test
    void aScriptTaskIsRefusedByThePolicyWithItsElement() throws Exception {
        JsonNode answer = validate(model("""
                <bpmn:scriptTask id="Task_Script" scriptFormat="groovy">
                  <bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing>
                  <bpmn:script>@groovy.transform.ASTTest(value={ System.exit(1) }) def x = 1</bpmn:script>
                </bpmn:scriptTask>
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Script"/>
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Script" targetRef="End"/>
                """), 422);
        assertThat(answer.get("valid").asBoolean()).isFalse();
        assertThat(answer.get("problems")).isNotEmpty().allSatisfy(p -> assertThat(p.get("rule").asText()).isEqualTo("deployment-policy"));
        assertThat(answer.get("problems").findValuesAsText("elementId")).contains("Task_Script");
    }

    @Test
    void aFlowToNothingIsTheParsersProblemAndALooseTaskIsDisconnected() throws Exception {
        JsonNode parser = validate(model("""
                <bpmn:userTask id="Task_Work"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:userTask>
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Work"/>
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Work" targetRef="Nowhere"/>
                """), 422);
        assertThat(parser.get("problems").findValuesAsText("rule")).contains("engine-parser");
        assertThat(parser.get("problems").toString()).contains("Nowhere");

        JsonNode loose = validate(model("""
                <bpmn:userTask id="Task_Work"><bpmn:incoming>Flow_1</bpmn:incoming><bpmn:outgoing>Flow_2</bpmn:outgoing></bpmn:userTask>
                <bpmn:userTask id="Task_Forgotten"/>
                <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Work"/>
                <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Work" targetRef="End"/>
                """), 422);
        JsonNode problem = loose.get("problems").get(0);
        assertThat(problem.get("elementId").asText()).isEqualTo("Task_Forgotten");
        assertThat(problem.get("rule").asText()).isEqualTo("no-disconnected");

        assertThat(validate("not xml at all", 422).get("problems")).isNotEmpty();
    }

    @Test
    void agentsMayNotValidate() throws Exception {
        mvc.perform(post("/api/processes/validate").with(AGENT).contentType(MediaType.APPLICATION_XML).content(model("")))
                .andExpect(status().isForbidden());
    }

    private JsonNode validate(String bpmn, int expected) throws Exception {
        return json.readTree(mvc.perform(post("/api/processes/validate").with(DESIGNER).contentType(MediaType.APPLICATION_XML)
                .content(bpmn)).andExpect(status().is(expected)).andReturn().getResponse().getContentAsString());
    }
}
