package io.kefu.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeService;
import io.kefu.knowledge.ArticleContent;
import io.kefu.knowledge.KnowledgeService;
import io.kefu.testing.H2Database;
import io.kefu.ticket.Channel;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security headers as a browser receives them from the running server: every page of Kefu
 * (taken from the application's own GET mappings, so a new page cannot be forgotten) carries a
 * Content-Security-Policy without {@code 'unsafe-inline'}, a Referrer-Policy and a
 * Permissions-Policy; the session and language cookies are HttpOnly and SameSite; the Camunda
 * webapps keep their own nonce-based policy; and no template holds what that policy would block.
 */
@H2Database("security-headers")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "camunda.bpm.job-execution.enabled=false")
class SecurityHeadersTest {

    private static final Pattern SET_COOKIE_VALUE = Pattern.compile("^([^=]+)=([^;]*)");

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    CustomerService customers;
    @Autowired
    IntakeService intake;
    @Autowired
    KnowledgeService knowledge;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private long ticketId;
    private long articleId;

    @BeforeEach
    void aTicketAndAnArticleToShow() {
        String customer = "headers-" + System.nanoTime();
        customers.register(customer, "Wang", CustomerTier.STANDARD);
        ticketId = intake.receive(new InboundMessage(Channel.WEB, customer, "Where is my parcel?", null)).ticketId();
        articleId = knowledge.create(new ArticleContent("en", "Parcels", "Parcels take **3 days**.", List.of()), "sue").id();
    }

    @Test
    void everyPageSendsAPolicyWithoutInlineScriptsAndTheOtherHeaders() throws Exception {
        String session = signIn();
        List<String> pages = pages();
        assertThat(pages).contains("/login", "/workspace", "/workspace/tickets/" + ticketId, "/knowledge",
                "/knowledge/articles/" + articleId, "/knowledge/articles/" + articleId + "/edit");
        pages.addAll(List.of("/error", "/css/kefu.css", "/js/knowledge-suggest.js", "/workspace/tickets/987654321"));

        for (String page : pages) {
            HttpResponse<String> response = get(page, session);
            if (!page.equals("/error")) { // opened directly, Boot's error page says 500: there is no error to show
                assertThat(response.statusCode()).as(page).isLessThan(500);
            }
            assertPageHeaders(page, response);
        }
        assertPageHeaders("/login (signed out)", get("/login", null));
    }

    @Test
    void theSessionAndLanguageCookiesAreHttpOnlyAndSameSite() throws Exception {
        HttpResponse<String> login = get("/login?lang=zh", null);
        String language = setCookie(login, "KEFU_LANG");
        assertThat(language).contains("KEFU_LANG=zh", "HttpOnly", "SameSite=Lax");
        assertThat(setCookie(login, "JSESSIONID")).contains("HttpOnly", "SameSite=Lax");

        HttpResponse<String> signedIn = postLogin(login);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        assertThat(setCookie(signedIn, "JSESSIONID")).as("the new session after sign-in")
                .contains("HttpOnly", "SameSite=Lax").doesNotContain("SameSite=Lax;SameSite");
    }

    @Test
    void apiAnswersMayRenderNothing() throws Exception {
        HttpResponse<String> tasks = http.send(HttpRequest.newBuilder(url("/api/workspace/tasks"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tasks.statusCode()).isEqualTo(200);
        assertThat(tasks.headers().firstValue("Content-Security-Policy")).hasValue(WebHeaders.API_POLICY);
        assertThat(tasks.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(tasks.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(get("/api/workspace/tasks", null).headers().firstValue("Content-Security-Policy"))
                .as("a refusal too").hasValue(WebHeaders.API_POLICY);
    }

    @Test
    void swaggerUiMaySetInlineStylesButRunsOnlyItsOwnScripts() throws Exception {
        HttpResponse<String> ui = get("/swagger-ui/index.html", signIn());
        assertThat(ui.statusCode()).isEqualTo(200);
        List<String> policies = ui.headers().allValues("Content-Security-Policy");
        assertThat(policies).containsExactly(WebHeaders.INLINE_STYLE_POLICY);
        assertThat(directive(policies.get(0), "script-src")).isEqualTo("'self'");
        assertThat(directive(policies.get(0), "style-src")).isEqualTo("'self' 'unsafe-inline'");
        assertThat(ui.body()).doesNotContain("<script>").contains("swagger-initializer.js");
        assertThat(ui.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
    }

    @Test
    void theCamundaWebappsKeepTheirOwnNoncePolicy() throws Exception {
        assertThat(get("/camunda/app/cockpit/default/", null).statusCode()).as("Kefu's sign-in first").isEqualTo(302);
        HttpResponse<String> cockpit = get("/camunda/app/cockpit/default/", signIn());
        assertThat(cockpit.statusCode()).isEqualTo(200);
        List<String> policies = cockpit.headers().allValues("Content-Security-Policy");
        assertThat(policies).hasSize(1);
        assertThat(policies.get(0)).contains("'nonce-", "'strict-dynamic'").doesNotContain(WebHeaders.PAGE_POLICY);
        assertThat(cockpit.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(cockpit.headers().firstValue("Permissions-Policy")).hasValue(WebHeaders.PERMISSIONS_POLICY);
    }

    @Test
    void noTemplateHoldsInlineScriptsStylesOrEventHandlers() throws IOException {
        Map<String, Pattern> forbidden = Map.of(
                "inline <script>", Pattern.compile("<script(?![^>]*\\bth:src=|[^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE),
                "<style> element", Pattern.compile("<style[\\s>]", Pattern.CASE_INSENSITIVE),
                "style attribute", Pattern.compile("\\s(th:)?style\\s*=", Pattern.CASE_INSENSITIVE),
                "event handler attribute", Pattern.compile("\\s(th:)?on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE),
                "javascript: URL", Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE));
        List<String> found = new ArrayList<>();
        try (Stream<Path> templates = Files.walk(Path.of("web/templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Files.readString(template);
                forbidden.forEach((what, pattern) -> {
                    Matcher m = pattern.matcher(html);
                    while (m.find()) {
                        found.add(template + ": " + what + ": " + m.group().strip());
                    }
                });
            }
        }
        assertThat(found).as("move scripts to web/static/js and styles to web/static/css").isEmpty();
    }

    private void assertPageHeaders(String page, HttpResponse<String> response) {
        String policy = response.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(directive(policy, "script-src")).as(page).isEqualTo("'self'");
        if (page.matches("/designer/processes/[^/]+")) {
            // the modeler: bpmn-js sets inline styles; scripts stay 'self' only
            assertThat(policy).as(page).isEqualTo(WebHeaders.INLINE_STYLE_POLICY);
        } else {
            assertThat(policy).as(page).isEqualTo(WebHeaders.PAGE_POLICY);
            assertThat(policy).as(page).doesNotContain("unsafe-inline");
        }
        assertThat(policy).as(page).doesNotContain("unsafe-eval").contains("frame-ancestors 'self'");
        assertThat(response.headers().firstValue("Referrer-Policy")).as(page).hasValue("strict-origin-when-cross-origin");
        assertThat(response.headers().firstValue("Permissions-Policy")).as(page)
                .hasValueSatisfying(p -> assertThat(p).contains("camera=()", "microphone=()", "geolocation=()"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as(page).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).as(page).hasValue("SAMEORIGIN");
    }

    private static String directive(String policy, String name) {
        for (String directive : policy.split(";")) {
            String d = directive.strip();
            if (d.startsWith(name + " ")) {
                return d.substring(name.length() + 1);
            }
        }
        return "";
    }

    /** Every GET page of Kefu's page controllers, with path variables filled from the test's ticket and article. */
    private List<String> pages() {
        TreeSet<String> pages = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = mapping.getValue();
            RequestMappingInfo info = mapping.getKey();
            boolean api = AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), RestController.class)
                    || handler.hasMethodAnnotation(ResponseBody.class);
            boolean get = info.getMethodsCondition().getMethods().isEmpty()
                    || info.getMethodsCondition().getMethods().contains(RequestMethod.GET);
            if (api || !get || !handler.getBeanType().getPackageName().startsWith("io.kefu")) {
                continue;
            }
            for (String pattern : info.getPatternValues()) {
                String id = pattern.startsWith("/workspace/tickets/") ? Long.toString(ticketId)
                        : pattern.startsWith("/knowledge/articles/") ? Long.toString(articleId) : "1";
                pages.add(pattern.replaceAll("\\{[^}]+}", id));
            }
        }
        return new ArrayList<>(pages);
    }

    private String signIn() throws Exception {
        HttpResponse<String> signedIn = postLogin(get("/login", null));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        return "JSESSIONID=" + cookieValue(setCookie(signedIn, "JSESSIONID"));
    }

    private HttpResponse<String> postLogin(HttpResponse<String> loginPage) throws Exception {
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
        String form = "username=demo&password=demo&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(url("/login"))
                .header("Cookie", "JSESSIONID=" + cookieValue(setCookie(loginPage, "JSESSIONID")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("Accept", "text/html");
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String setCookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no Set-Cookie " + name));
    }

    private static String cookieValue(String setCookie) {
        Matcher m = SET_COOKIE_VALUE.matcher(setCookie);
        assertThat(m.find()).isTrue();
        return m.group(2);
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
