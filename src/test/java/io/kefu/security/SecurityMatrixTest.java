package io.kefu.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.knowledge.ArticleContent;
import io.kefu.knowledge.KnowledgeService;
import io.kefu.testing.H2Database;
import io.kefu.testing.TestTickets;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The whole permission matrix of docs/SECURITY.md, request by request: every route × every role
 * (and no login, and each API token scope) against the running application, with real users made
 * in Camunda's identity service — an agent in one queue only, a supervisor, a designer and an
 * admin — signing in the way clients do (HTTP Basic on the API, the sign-in form for pages).
 *
 * <p>The expectations are {@code src/test/resources/security-matrix.csv}. Its Spring MVC rows must
 * match the application's real handler mappings exactly: a mapping without a row fails
 * {@link #everyMappingOfTheApplicationHasARow()} (a new route cannot be forgotten), a row without
 * a mapping fails {@link #everyMvcRowIsAMappingOfTheApplication()}. Routes served outside Spring
 * MVC (the engine's REST API, the Camunda webapps, static files, the sign-in filter) are listed
 * in the same table.
 *
 * <p>A row whose {@code pending} column names a branch (e.g. {@code lead}, {@code tokens}) states
 * the matrix that branch enforces: it is skipped here (shown as aborted), and a pending MVC row
 * whose mapping exists fails, so the mark is removed once that branch is merged. Run with
 * {@code -Dkefu.security-matrix.pending=true} to check pending rows too. Token cases run once the
 * application has {@code POST /api/admin/tokens} (the tokens branch): one token per scope is made
 * through it.
 */
@H2Database("security-matrix")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixTest {

    static final String TABLE = "security-matrix.csv";
    static final List<String> ROLES = List.of("anonymous", "agent", "supervisor", "designer", "admin");
    static final List<String> SCOPES = List.of("messages:write", "tickets:read", "tickets:write", "sync:inbound",
            "external-task", "metrics:read");
    static final boolean RUN_PENDING = Boolean.getBoolean("kefu.security-matrix.pending");
    static final String PASSWORD = "matrix-Secret-1";
    static final String TOKENS = "/api/admin/tokens";
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");

    /** The users of each role, in Camunda's groups; the agent works billing_team only. */
    static final Map<String, List<String>> GROUPS = Map.of(
            "agent", List.of(KefuGroups.AGENTS, "billing_team"),
            "supervisor", List.of(KefuGroups.SUPERVISORS),
            "designer", List.of(KefuGroups.DESIGNERS),
            "admin", List.of(KefuGroups.ADMINS));

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    IdentityService identity;
    @Autowired
    CustomerService customers;
    @Autowired
    TicketService tickets;
    @Autowired
    KnowledgeService knowledge;
    @Autowired
    ObjectMapper json;

    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final Map<String, Caller> callers = new LinkedHashMap<>();
    final Map<String, String> tokens = new LinkedHashMap<>();
    List<Row> table;
    Set<Route> mapped;
    String customer;
    long ownTicket;
    long otherTicket;
    long article;

    @BeforeAll
    void setUp() {
        table = readTable();
        mapped = mappedRoutes();
        GROUPS.forEach(this::createUser);
        customer = "matrix-customer";
        customers.register(customer, "Matrix", CustomerTier.STANDARD);
        ownTicket = queuedTicket(customer, Topic.BILLING, "billing_team");
        otherTicket = queuedTicket("matrix-other", Topic.ORDER, "general_support");
        article = knowledge.create(new ArticleContent("en", "Matrix article", "A draft", List.of()), "matrix").id();
        for (String role : ROLES) {
            Caller caller = new Caller(role.equals("anonymous") ? null : "matrix-" + role);
            caller.signIn();
            callers.put(role, caller);
        }
        if (mapped.contains(new Route("POST", TOKENS))) {
            for (String scope : SCOPES) {
                tokens.put(scope, createToken(scope));
            }
        }
    }

    @Test
    void everyMappingOfTheApplicationHasARow() {
        Set<Route> listed = table.stream().filter(Row::servedByMvc).map(Row::route).collect(Collectors.toSet());
        List<String> missing = mapped.stream().filter(r -> !listed.contains(r))
                .map(r -> r.method() + "," + r.path() + ",mvc,?,?,?,?,?,,,").sorted().toList();

        assertThat(missing).as("handler mappings without a row in %s (give each its roles, in SecurityConfig too)",
                TABLE).isEmpty();
    }

    @Test
    void everyMvcRowIsAMappingOfTheApplication() {
        List<String> stale = table.stream().filter(Row::servedByMvc)
                .filter(r -> r.pending().isEmpty() && !mapped.contains(r.route())).map(Row::toString).toList();
        List<String> arrived = table.stream().filter(Row::servedByMvc)
                .filter(r -> !r.pending().isEmpty() && mapped.contains(r.route())).map(Row::toString).toList();

        assertThat(stale).as("rows of %s with no such handler mapping", TABLE).isEmpty();
        assertThat(arrived).as("rows of %s marked pending whose mapping exists now: clear their pending column",
                TABLE).isEmpty();
    }

    @Test
    void theTableListsEveryRouteOnce() {
        Set<Route> seen = new LinkedHashSet<>();
        List<Route> twice = table.stream().map(Row::route).filter(r -> !seen.add(r)).toList();

        assertThat(twice).isEmpty();
    }

    @TestFactory
    Stream<DynamicNode> everyRouteForEveryRole() {
        List<DynamicNode> nodes = new ArrayList<>();
        if (tokens.isEmpty()) {
            nodes.add(dynamicTest("API tokens", () -> abort(
                    "no " + TOKENS + " in this build (tokens branch): token cases not run")));
        }
        for (Row row : table) {
            nodes.add(dynamicContainer(row.toString(), casesOf(row)));
        }
        return nodes.stream();
    }

    private List<DynamicNode> casesOf(Row row) {
        List<DynamicNode> cases = new ArrayList<>();
        if (!row.pending().isEmpty() && !RUN_PENDING) {
            cases.add(dynamicTest("pending", () -> abort("pending (" + row.pending() + "): "
                    + "enforced once that branch is merged; -Dkefu.security-matrix.pending=true runs it")));
            return cases;
        }
        if (row.servedByMvc() && !mapped.contains(row.route())) {
            cases.add(dynamicTest("no mapping", () -> abort("no such mapping in this build")));
            return cases;
        }
        String path = concrete(row.path(), ownTicket);
        for (String role : ROLES) {
            Outcome expected = row.expected().get(role);
            cases.add(dynamicTest(role + " → " + expected.label, () -> {
                Caller caller = callers.get(role);
                HttpResponse<String> response = caller.send(row, path);
                expected.assertMatches(response, row, role);
                if (row.endsSession()) {
                    caller.signIn();
                }
            }));
        }
        if (row.path().contains("/tickets/{") && row.expected().get("agent") == Outcome.ALLOW) {
            String other = concrete(row.path(), otherTicket);
            cases.add(dynamicTest("agent, another queue's ticket → 404", () ->
                    Outcome.NOT_FOUND.assertMatches(callers.get("agent").send(row, other), row, "agent")));
        }
        if (row.kind() == Kind.API && !tokens.isEmpty()) {
            for (String scope : SCOPES) {
                boolean allowed = row.scopes().contains(scope);
                cases.add(dynamicTest("token " + scope + " → " + (allowed ? "allow" : "deny"), () -> {
                    HttpResponse<String> response = send(row, path, "Bearer " + tokens.get(scope), null, null);
                    if (allowed) {
                        Outcome.ALLOW.assertMatches(response, row, "token " + scope);
                    } else {
                        assertThat(response.statusCode()).as("%s as token %s", row, scope).isIn(401, 403);
                    }
                }));
            }
        }
        return cases;
    }

    /** The path with sample values: tickets of the agent's queue (or another), the article, the customer. */
    private String concrete(String pattern, long ticket) {
        String withoutWildcards = pattern.replace("/**", "/sample");
        Matcher variables = VARIABLE.matcher(withoutWildcards);
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            String before = withoutWildcards.substring(0, variables.start());
            String value;
            if (variables.group().equals("{externalId}")) {
                value = customer;
            } else if (before.endsWith("/tickets/")) {
                value = String.valueOf(ticket);
            } else if (before.endsWith("/articles/")) {
                value = String.valueOf(article);
            } else if (before.endsWith("/tokens/")) {
                // No such token: revoking a real one would lock out the test's own token cases.
                value = "999999";
            } else {
                value = "1";
            }
            variables.appendReplacement(path, value);
        }
        variables.appendTail(path);
        return path.toString();
    }

    /** One HTTP request as a client of that kind of route sends it. */
    private HttpResponse<String> send(Row row, String path, String authorization, String cookie, String csrf) {
        String method = row.method().equals("ANY") ? "GET" : row.method();
        boolean hasBody = !method.equals("GET") && !method.equals("HEAD");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (row.kind() == Kind.API) {
            request.header("Accept", "application/json");
            if (hasBody) {
                request.header("Content-Type", "application/json");
                body = HttpRequest.BodyPublishers.ofString(row.body().isEmpty() ? "{}" : row.body());
            }
        } else if (hasBody) {
            String form = row.body().isEmpty() ? "" : row.body() + "&";
            request.header("Content-Type", "application/x-www-form-urlencoded");
            body = HttpRequest.BodyPublishers.ofString(form + "_csrf=" + encode(csrf == null ? "" : csrf));
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return http.send(request.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    /** Every pattern × method of every Spring MVC handler mapping (controllers, actuator, OpenAPI). */
    private Set<Route> mappedRoutes() {
        Set<Route> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class)
                .values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        routes.add(new Route("ANY", pattern));
                    }
                    methods.forEach(m -> routes.add(new Route(m.name(), pattern)));
                }
            }
        }
        return routes;
    }

    private void createUser(String role, List<String> groups) {
        User user = identity.newUser("matrix-" + role);
        user.setFirstName(role);
        user.setLastName("Matrix");
        user.setEmail("matrix-" + role + "@localhost");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        groups.forEach(group -> identity.createMembership(user.getId(), group));
    }

    private long queuedTicket(String externalId, Topic topic, String queue) {
        long id = TestTickets.in(context).queued(externalId, "Please look at my " + topic, topic);
        assertThat(tickets.get(id).queue()).isEqualTo(queue);
        return id;
    }

    /** A token with one scope, made by the admin through the API of the contract. */
    private String createToken(String scope) {
        Caller admin = callers.get("admin");
        Row create = new Row("POST", TOKENS, "mvc", Map.of(), Set.of(), "", json.createObjectNode()
                .put("name", "matrix-" + scope.replace(':', '-')).put("expiresIn", "P1D")
                .set("scopes", json.createArrayNode().add(scope)).toString());
        HttpResponse<String> response = send(create, TOKENS, admin.basic(), null, null);
        assertThat(response.statusCode()).as("token for %s: %s", scope, response.body()).isEqualTo(201);
        try {
            return json.readTree(response.body()).get("token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Row> readTable() {
        try (InputStream in = SecurityMatrixTest.class.getClassLoader().getResourceAsStream(TABLE)) {
            assertThat(in).as(TABLE).isNotNull();
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                    .setCommentMarker('#').setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();
            List<Row> rows = new ArrayList<>();
            for (CSVRecord record : format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                Map<String, Outcome> expected = new LinkedHashMap<>();
                for (String role : ROLES) {
                    expected.put(role, Outcome.parse(record.get(role), record));
                }
                Set<String> scopes = Arrays.stream(record.get("scopes").split(" ")).filter(s -> !s.isBlank())
                        .collect(Collectors.toSet());
                assertThat(SCOPES).as("scopes of %s", record).containsAll(scopes);
                rows.add(new Row(record.get("method").toUpperCase(Locale.ROOT), record.get("path"), record.get("by"),
                        expected, scopes, record.get("pending"), record.get("body")));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A signed-in client of one role (or none): HTTP Basic for the API, a session for pages. */
    final class Caller {

        final String user;
        String session;
        String csrf;

        Caller(String user) {
            this.user = user;
        }

        String basic() {
            return user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        }

        /** A fresh session: signed in through the form (anonymous: just the session and its CSRF token). */
        void signIn() {
            session = null;
            readCsrfToken();
            if (user != null) {
                Row login = new Row("POST", "/login", "filter", Map.of(), Set.of(), "",
                        "username=" + encode(user) + "&password=" + encode(PASSWORD));
                HttpResponse<String> response = keep(SecurityMatrixTest.this.send(login, "/login", null, session, csrf));
                assertThat(response.headers().firstValue("Location").orElse("")).as("%s signs in", user)
                        .doesNotContain("error").doesNotEndWith("/login");
                readCsrfToken();
            }
        }

        HttpResponse<String> send(Row row, String path) {
            if (row.kind() == Kind.API) {
                return SecurityMatrixTest.this.send(row, path, basic(), null, null);
            }
            return keep(SecurityMatrixTest.this.send(row, path, null, session, csrf));
        }

        private void readCsrfToken() {
            Row page = new Row("GET", "/login", "mvc", Map.of(), Set.of(), "", "");
            HttpResponse<String> response = keep(SecurityMatrixTest.this.send(page, "/login", null, session, null));
            Matcher token = CSRF.matcher(response.body());
            assertThat(token.find()).as("CSRF token on /login").isTrue();
            csrf = token.group(1);
        }

        private HttpResponse<String> keep(HttpResponse<String> response) {
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                if (cookie.startsWith("JSESSIONID=")) {
                    session = cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'));
                }
            }
            return response;
        }
    }

    /** Which client a route serves: JSON with HTTP Basic or a token, pages with a session, Camunda's webapps. */
    enum Kind {
        API, PAGE, WEBAPP;

        static Kind of(String path) {
            // /actuator/prometheus is on the API chain: scrapers send a token, admins HTTP Basic.
            if (path.startsWith("/api/") || path.startsWith("/engine-rest") || path.startsWith("/v3/")
                    || path.equals("/actuator/prometheus")) {
                return API;
            }
            return path.startsWith("/camunda/") ? WEBAPP : PAGE;
        }
    }

    /** What a cell of the table expects. */
    enum Outcome {
        /** Got past authorization: anything but 401, 403 or the redirect to the sign-in page (400, 404, 409 count). */
        ALLOW("allow"),
        UNAUTHORIZED("401"),
        FORBIDDEN("403"),
        NOT_FOUND("404"),
        /** A redirect to the sign-in page, as pages answer without a login. */
        LOGIN("login");

        final String label;

        Outcome(String label) {
            this.label = label;
        }

        static Outcome parse(String cell, CSVRecord record) {
            return Arrays.stream(values()).filter(o -> o.label.equals(cell)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("'" + cell + "' in " + record
                            + ": allow, 401, 403, 404 or login"));
        }

        void assertMatches(HttpResponse<String> response, Row row, String who) {
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElse("");
            boolean toLogin = status == 302 && URI.create(location).getPath().equals("/login")
                    && URI.create(location).getQuery() == null;
            String as = row + " as " + who + " answered " + status + (location.isEmpty() ? "" : " → " + location);
            switch (this) {
                case ALLOW -> assertThat(status != 401 && status != 403 && !toLogin).as(as + ", expected allow").isTrue();
                case LOGIN -> assertThat(toLogin).as(as + ", expected a redirect to /login").isTrue();
                case UNAUTHORIZED -> assertThat(status).as(as).isEqualTo(401);
                case FORBIDDEN -> assertThat(status).as(as).isEqualTo(403);
                case NOT_FOUND -> assertThat(status).as(as).isEqualTo(404);
                default -> fail("unknown outcome " + this);
            }
        }
    }

    record Route(String method, String path) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            int byPath = path.compareTo(other.path);
            return byPath != 0 ? byPath : method.compareTo(other.method);
        }
    }

    /** One line of the table: a route, who serves it, the expected outcome per role, the token scopes it admits. */
    record Row(String method, String path, String by, Map<String, Outcome> expected, Set<String> scopes,
            String pending, String body) {

        Route route() {
            return new Route(method, path);
        }

        boolean servedByMvc() {
            return by.equals("mvc");
        }

        Kind kind() {
            return Kind.of(path);
        }

        /** Signing in or out through the filter replaces the caller's session. */
        boolean endsSession() {
            return by.equals("filter");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
