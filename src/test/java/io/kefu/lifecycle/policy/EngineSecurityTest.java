package io.kefu.lifecycle.policy;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.kefu.testing.DeploymentUpload;
import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's doors as an attacker with a staff account would try them, on the running
 * application (H2): {@code /engine-rest} by role, deployments through the policy (hostile models,
 * a new TicketLifecycle version, XXE, size), Camunda's own authorization checks for users and
 * groups, the restricted expression resolver for a model that bypassed the policy, variables that
 * look like expressions, and the single login shared with the Camunda webapps.
 */
@H2Database("engine-security")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EngineSecurityTest {

    private static final Path CORPUS = Path.of("src/test/resources/policy/hostile");
    private static final Path MARKER = Path.of(System.getProperty("java.io.tmpdir"), "kefu-pwned");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("kefu.security.deployment.max-size", () -> "96KB");
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
    TaskService tasks;

    @Autowired
    ProcessEngineConfiguration engineConfiguration;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void noMarker() throws IOException {
        Files.deleteIfExists(MARKER);
    }

    private void user(String id, String... groups) {
        if (identity.createUserQuery().userId(id).count() > 0) {
            return;
        }
        User user = identity.newUser(id);
        user.setPassword(password(id));
        identity.saveUser(user);
        for (String group : groups) {
            identity.createMembership(id, group);
        }
    }

    private static String password(String id) {
        return "pw-" + id + "-2026";
    }

    private void users() {
        user("agent1", "agents", "general_support");
        user("sup1", "supervisors");
        user("des1", "designers");
        user("adm1", "camunda-admin");
    }

    private HttpRequest.Builder as(String user, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password(user)).getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
        return send(as(user, path).GET());
    }

    private HttpResponse<String> deploy(String user, String fileName, byte[] content, Map<String, String> headers)
            throws IOException, InterruptedException {
        return deploy("/engine-rest/deployment/create", user, fileName, content, headers);
    }

    private HttpResponse<String> deploy(String path, String user, String fileName, byte[] content,
            Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = DeploymentUpload.of(as(user, path), "test-" + fileName, fileName, content);
        headers.forEach(request::header);
        return send(request);
    }

    private static byte[] corpus(String file) throws IOException {
        return Files.readAllBytes(CORPUS.resolve(file));
    }

    private static byte[] validModel(String processId, String extra) {
        return ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    id="Definitions_Valid" targetNamespace="http://kefu.io/test">
                  <bpmn:process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="Start" />
                    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Task_Work" />
                    <bpmn:userTask id="Task_Work" camunda:candidateGroups="${queue}" camunda:assignee="${assignee}" %s />
                    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Work" targetRef="End" />
                    <bpmn:endEvent id="End" />
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(processId, extra)).getBytes(StandardCharsets.UTF_8);
    }

    private long deployments() {
        return repository.createDeploymentQuery().count();
    }

    @Test
    void agentsGetNoEngineRestAtAll() throws Exception {
        users();
        for (String path : List.of("/engine-rest/engine", "/engine-rest/task", "/engine-rest/history/process-instance",
                "/engine-rest/variable-instance", "/engine-rest/history/variable-instance", "/engine-rest/user",
                "/engine-rest/external-task")) {
            assertThat(get("agent1", path).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(deploy("agent1", "valid.bpmn", validModel("AgentModel", ""), Map.of()).statusCode()).isEqualTo(403);
        assertThat(get(null, "/engine-rest/engine").statusCode()).isEqualTo(401);
    }

    @Test
    void supervisorsReadProcessesButDeployNothingAndManageNoUsers() throws Exception {
        users();
        assertThat(get("sup1", "/engine-rest/process-definition?key=TicketLifecycle").body()).contains("TicketLifecycle");
        long before = deployments();

        assertThat(deploy("sup1", "valid.bpmn", validModel("SupervisorModel", ""), Map.of()).statusCode()).isEqualTo(403);
        HttpResponse<String> createUser = send(as("sup1", "/engine-rest/user/create").header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"x-123456\"}}")));
        assertThat(createUser.statusCode()).isEqualTo(403);
        HttpResponse<String> joinAdmins = send(as("sup1", "/engine-rest/group/camunda-admin/members/sup1")
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(joinAdmins.statusCode()).as("refused; 404 where the user may not even see the group").isIn(403, 404);
        HttpResponse<String> otherPassword = send(as("sup1", "/engine-rest/user/des1/credentials")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"password\":\"taken-over-1\",\"authenticatedUserPassword\":\"" + password("sup1") + "\"}")));
        assertThat(otherPassword.statusCode()).as("refused; 404 where the user may not even see the user").isIn(403, 404);

        assertThat(deployments()).isEqualTo(before);
        assertThat(identity.createUserQuery().userId("mallory").count()).isZero();
        assertThat(identity.createUserQuery().memberOfGroup("camunda-admin").userId("sup1").count()).isZero();
        assertThat(identity.checkPassword("des1", password("des1"))).isTrue();
    }

    @Test
    void adminsManageUsersAndAPasswordChangeNeedsTheCurrentPassword() throws Exception {
        users();
        HttpResponse<String> created = send(as("adm1", "/engine-rest/user/create").header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"profile\":{\"id\":\"newagent\",\"firstName\":\"New\",\"lastName\":\"Agent\"},"
                        + "\"credentials\":{\"password\":\"first-pass-1\"}}")));
        assertThat(created.statusCode()).isEqualTo(204);

        HttpResponse<String> wrongCurrent = send(as("adm1", "/engine-rest/user/newagent/credentials")
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"password\":\"second-pass-2\",\"authenticatedUserPassword\":\"not-my-password\"}")));
        assertThat(wrongCurrent.statusCode()).isIn(400, 401, 403);
        assertThat(identity.checkPassword("newagent", "first-pass-1")).isTrue();
    }

    @Test
    void designersDeployValidModels() throws Exception {
        users();
        HttpResponse<String> response = deploy("des1", "valid.bpmn", validModel("DesignerModel",
                "camunda:dueDate=\"${dateTime().plusDays(2).toDate()}\""), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("DesignerModel").count()).isOne();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'deployment.create' AND actor = 'des1' "
                + "AND target LIKE '%test-valid.bpmn%'").query(Long.class).single()).isOne();
    }

    @ParameterizedTest
    @ValueSource(strings = {"reflection-runtime-exec.bpmn", "camel-producer.bpmn", "bean-environment-property.bpmn",
            "script-task-juel.bpmn", "execution-listener-script.bpmn", "class-delegate.bpmn", "timer-expression.bpmn",
            "candidate-groups.bpmn", "dmn-feel-external.dmn", "dmn-script-language.dmn", "evil.js",
            "xxe-external-entity.bpmn", "billion-laughs.bpmn", "not-xml.bpmn"})
    void hostileModelsAreRefusedWith400NamingTheRule(String file) throws Exception {
        users();
        long before = deployments();

        HttpResponse<String> response = deploy("des1", file, corpus(file), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("deployment policy").contains(file);
        assertThat(deployments()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'deployment.refused' AND target LIKE ?")
                .param("%test-" + file + "%").query(Long.class).single()).isPositive();
        assertThat(MARKER).doesNotExist();
    }

    @Test
    void aNewTicketLifecycleVersionWithAStartListenerIsRefused() throws Exception {
        users();
        long versions = repository.createProcessDefinitionQuery().processDefinitionKey("TicketLifecycle").count();

        HttpResponse<String> response = deploy("adm1", "TicketLifecycle.bpmn", corpus("lifecycle-start-listener.bpmn"),
                Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Start").contains("sendBody");
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("TicketLifecycle").count())
                .isEqualTo(versions);
    }

    /** Camunda serves every resource also under /engine-rest/engine/{name}/...: the same rules hold there. */
    @Test
    void theNamedEnginePathsObeyTheSameRules() throws Exception {
        users();
        String named = "/engine-rest/engine/default/deployment/create";

        assertThat(deploy(named, "sup1", "valid.bpmn", validModel("NamedModel", ""), Map.of()).statusCode()).isEqualTo(403);
        HttpResponse<String> hostile = deploy(named, "des1", "camel-producer.bpmn", corpus("camel-producer.bpmn"), Map.of());
        assertThat(hostile.statusCode()).isEqualTo(400);
        assertThat(hostile.body()).contains("requestBody");
        assertThat(deploy(named, "des1", "big.bpmn", validModel("BigModel", "name=\"" + "x".repeat(100_000) + "\""), Map.of())
                .statusCode()).isEqualTo(413);
        for (String verify : List.of("/engine-rest/identity/verify", "/engine-rest/engine/default/identity/verify")) {
            HttpResponse<String> oracle = send(as("sup1", verify).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"des1\",\"password\":\"guess\"}")));
            assertThat(oracle.statusCode()).as(verify).isEqualTo(403);
        }
        HttpResponse<String> createUser = send(as("sup1", "/engine-rest/engine/default/user/create")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"profile\":{\"id\":\"mallory2\"},\"credentials\":{\"password\":\"x-123456\"}}")));
        assertThat(createUser.statusCode()).isEqualTo(403);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("NamedModel").count()).isZero();
    }

    @Test
    void deploymentsOverTheSizeLimitGet413() throws Exception {
        users();
        byte[] big = validModel("BigModel", "name=\"" + "x".repeat(100_000) + "\"");

        HttpResponse<String> response = deploy("des1", "big.bpmn", big, Map.of());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("max-size");
    }

    @Test
    void trustedDeploymentsAreRefusedWhileSwitchedOff() throws Exception {
        users();
        HttpResponse<String> response = deploy("adm1", "script-task-juel.bpmn", corpus("script-task-juel.bpmn"),
                Map.of(DeploymentRequestFilter.TRUSTED_HEADER, "true"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("trusted deployments are switched off");
    }

    /** A model stored before the policy existed: the run-time resolver still refuses its reflection. */
    @Test
    void aModelThatBypassedThePolicyCannotReachReflectionBeansOrScripts() throws Exception {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engineConfiguration;
        List<Deployer> deployers = configuration.getDeployers();
        List<Deployer> withoutPolicy = deployers.stream().filter(d -> !(d instanceof DeploymentPolicyDeployer)).toList();
        configuration.getDeploymentCache().setDeployers(withoutPolicy);
        try {
            repository.createDeployment().addString("legacy-exec.bpmn", new String(corpus("reflection-runtime-exec.bpmn"),
                    StandardCharsets.UTF_8).replace("id=\"Hostile\"", "id=\"LegacyExec\"")).deploy();
            repository.createDeployment().addString("legacy-bean.bpmn", new String(corpus("knowledge-unpublish.bpmn"),
                    StandardCharsets.UTF_8).replace("id=\"Hostile\"", "id=\"LegacyBean\"")).deploy();
            repository.createDeployment().addString("legacy-script.bpmn", new String(corpus("script-task-juel.bpmn"),
                    StandardCharsets.UTF_8).replace("id=\"Hostile\"", "id=\"LegacyScript\"")).deploy();
            repository.createDeployment().addString("legacy-scope.bpmn", new String(corpus("due-date-engine-services.bpmn"),
                    StandardCharsets.UTF_8).replace("id=\"Hostile\"", "id=\"LegacyScope\"")).deploy();
        } finally {
            configuration.getDeploymentCache().setDeployers(deployers);
        }

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("LegacyExec", Map.of("ticketId", 1L)))
                .hasMessageContaining("not allowed in expressions");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("LegacyBean"))
                .hasMessageContaining("knowledgeService");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("LegacyScript"))
                .hasMessageContaining("Scripts are not allowed");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("LegacyScope"))
                .hasMessageContaining("not allowed in expressions");
        assertThat(MARKER).doesNotExist();
    }

    @Test
    void expressionsInAVariableValueAreNotEvaluated() throws Exception {
        users();
        assertThat(deploy("des1", "plain.bpmn", validModel("PlainModel", ""), Map.of()).statusCode()).isEqualTo(200);
        String hostile = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
                + ".exec('touch " + MARKER + "')}";

        long authorizations = jdbc.sql("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION").query(Long.class).single();
        ProcessInstance instance = runtime.startProcessInstanceByKey("PlainModel",
                Map.of("queue", "general_support", "assignee", hostile));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION").query(Long.class).single())
                .as("no authorization rows per task").isEqualTo(authorizations);

        var task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(task.getAssignee()).isEqualTo(hostile);
        assertThat(MARKER).doesNotExist();
    }

    @Test
    void knowledgePublicationAndRuleReloadsAreAudited(@Autowired io.kefu.knowledge.KnowledgeService knowledge,
            @Autowired io.kefu.routing.TicketRouting routing) {
        var article = knowledge.create(new io.kefu.knowledge.ArticleContent("en", "Audited article", "Body", List.of()),
                "des1");
        knowledge.publish(article.id(), null, "des1");
        knowledge.unpublish(article.id(), null, "des1");
        knowledge.delete(article.id(), null);
        routing.reload();

        List<String> actions = jdbc.sql("SELECT action FROM audit_event WHERE target = ? ORDER BY id")
                .param("article " + article.id()).query(String.class).list();
        assertThat(actions).containsExactly("knowledge.publish", "knowledge.unpublish", "knowledge.delete");
        assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'rules.reload' ORDER BY id DESC")
                .query(String.class).list()).first().isEqualTo("SUCCESS");
    }

    @Test
    void oneLoginServesKefusPagesAndTheCamundaWebapps() throws Exception {
        users();
        assertThat(get(null, "/camunda/api/admin/setup/default/user/create").statusCode()).isIn(401, 403);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> cockpit = browser.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/camunda/app/cockpit/default/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(cockpit.statusCode()).isEqualTo(302);
        assertThat(cockpit.headers().firstValue("Location").orElse("")).endsWith("/login");

        signIn(browser, "sup1");
        HttpResponse<String> signedInCockpit = browser.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/camunda/app/cockpit/default/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedInCockpit.statusCode()).isEqualTo(200);
        HttpResponse<String> whoAmI = browser.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/camunda/api/admin/auth/user/default")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(whoAmI.statusCode()).isEqualTo(200);
        assertThat(whoAmI.body()).contains("\"userId\":\"sup1\"").contains("cockpit");
        HttpResponse<String> definitions = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/camunda/api/engine/engine/default/process-definition/count")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(definitions.body()).as("Cockpit sees the deployed processes").doesNotContain("\"count\":0");
        HttpResponse<String> admin = browser.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/camunda/app/admin/default/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(admin.statusCode()).isEqualTo(403);

        HttpClient agentBrowser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        signIn(agentBrowser, "agent1");
        HttpResponse<String> agentCockpit = agentBrowser.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/camunda/app/cockpit/default/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(agentCockpit.statusCode()).isEqualTo(403);
    }

    private void signIn(HttpClient browser, String user) throws IOException, InterruptedException {
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
        String form = "username=" + user + "&password=" + URLEncoder.encode(password(user), StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
    }
}
