package io.kefu.lifecycle.policy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.DeploymentUpload;
import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code kefu.security.trusted-deployments} on: an admin may deploy a model that skips the
 * policy (audited, and its script runs); a designer may not; without the header the policy holds
 * for admins too.
 */
@H2Database("trusted-deployments")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrustedDeploymentTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("kefu.security.trusted-deployments", () -> "true");
    }

    @LocalServerPort
    int port;

    @Autowired
    IdentityService identity;

    @Autowired
    RepositoryService repository;

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    @Autowired
    JdbcClient jdbc;

    private void user(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setPassword("pw-" + id + "-2026");
            identity.saveUser(user);
            identity.createMembership(id, group);
        }
    }

    private HttpResponse<String> deploy(String user, String name, byte[] model, boolean trusted) throws Exception {
        HttpRequest.Builder request = DeploymentUpload.of(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/engine-rest/deployment/create"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":pw-" + user + "-2026").getBytes(StandardCharsets.UTF_8))), name, "model.bpmn", model);
        if (trusted) {
            request.header(DeploymentRequestFilter.TRUSTED_HEADER, "true");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] scriptModel(String processId) throws Exception {
        return Files.readString(Path.of("src/test/resources/policy/hostile/script-task-juel.bpmn"))
                .replace("id=\"Hostile\"", "id=\"" + processId + "\"").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anAdminsTrustedDeploymentSkipsThePolicyIsAuditedAndItsScriptRuns() throws Exception {
        user("root1", "camunda-admin");

        HttpResponse<String> response = deploy("root1", "trusted-script", scriptModel("TrustedScript"), true);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'deployment.trusted' AND actor = 'root1'")
                .query(Long.class).single()).isOne();
        ProcessInstance instance = runtime.startProcessInstanceByKey("TrustedScript");
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).variableName("x")
                .singleResult().getValue()).isEqualTo(1L);
    }

    @Test
    void designersCannotMakeTrustedDeploymentsAndAdminsWithoutTheHeaderMeetThePolicy() throws Exception {
        user("des2", "designers");
        user("root2", "camunda-admin");

        HttpResponse<String> designer = deploy("des2", "designer-trusted", scriptModel("DesignerScript"), true);
        HttpResponse<String> plainAdmin = deploy("root2", "admin-untrusted", scriptModel("AdminScript"), false);

        assertThat(designer.statusCode()).isEqualTo(400);
        assertThat(designer.body()).contains("only admins may make a trusted deployment");
        assertThat(plainAdmin.statusCode()).isEqualTo(400);
        assertThat(plainAdmin.body()).contains("script tasks are not allowed");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKeyIn("DesignerScript", "AdminScript")
                .count()).isZero();
    }
}
