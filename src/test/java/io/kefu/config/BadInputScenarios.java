package io.kefu.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Hostile and sloppy input through the API, as a buggy integration or an attacker sends it: each
 * case gets a 4xx problem whose {@code detail} names the field or parameter, and leaves every
 * table as it was. Subclasses run it on H2 and on real MariaDB (where NUL, surrogates and
 * utf8mb4 would otherwise meet the real column types).
 */
abstract class BadInputScenarios {

    /** Every table a bad request could write to. */
    static final List<String> TABLES = List.of("customer", "channel_identity", "conversation", "message", "ticket",
            "outbox_event", "outbox_delivery", "kb_article", "kb_article_tag", "kb_query_log", "agent",
            "assignment_cursor", "ticket_queue_position");

    /** Holds every staff role, so the permission matrix lets each request reach input checking. */
    static final RequestPostProcessor STAFF = user("root").roles("AGENT", "SUPERVISOR", "DESIGNER", "ADMIN");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper applicationMapper;

    /** One bad request: what is sent, the status expected and a text its detail must contain. */
    record BadRequest(String name, HttpMethod method, String uri, String body, int status, String detail) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadRequest> badRequests() {
        String customer = "{\"externalId\": %s, \"name\": \"Wang\", \"tier\": \"VIP\"}";
        String message = "{\"channel\": \"web\", \"customerExternalId\": %s, \"text\": %s}";
        String id = "\"c-1\"";
        return Stream.of(
                // externalId outside [A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}: stored, then 500, on main
                post400("externalId with a space", "/api/customers", customer.formatted("\"a b\""), "externalId must be"),
                post400("externalId with a quote", "/api/customers", customer.formatted("\"a\\\"b\""), "externalId must be"),
                post400("externalId with %", "/api/customers", customer.formatted("\"a%b\""), "externalId must be"),
                post400("externalId with ?", "/api/customers", customer.formatted("\"a?b\""), "externalId must be"),
                post400("externalId with #", "/api/customers", customer.formatted("\"a#b\""), "externalId must be"),
                post400("externalId with /", "/api/customers", customer.formatted("\"a/b\""), "externalId must be"),
                post400("externalId ..", "/api/customers", customer.formatted("\"..\""), "externalId must be"),
                post400("externalId starting with -", "/api/customers", customer.formatted("\"-a\""), "externalId must be"),
                post400("externalId with a tab", "/api/customers", customer.formatted("\"a\\tb\""), "externalId must be"),
                post400("externalId in Chinese", "/api/customers", customer.formatted("\"客户\""), "externalId must be"),
                post400("externalId empty", "/api/customers", customer.formatted("\"\""), "externalId must be"),
                post400("externalId of 129 characters", "/api/customers",
                        customer.formatted("\"" + "x".repeat(129) + "\""), "externalId must be"),
                post400("externalId null", "/api/customers", customer.formatted("null"), "externalId must be"),
                post400("externalId with NUL", "/api/customers", customer.formatted("\"a\\u0000b\""),
                        "Field 'externalId' contains a NUL character"),
                post400("externalId a number", "/api/customers", customer.formatted("1001"),
                        "Field 'externalId' must be a string"),
                new BadRequest("externalId with a space in the URL", HttpMethod.GET, "/api/customers/a%20b", null, 400,
                        "externalId must be"),
                // strict JSON
                post400("unknown field", "/api/customers",
                        "{\"externalId\": \"c-1\", \"name\": \"Wang\", \"tier\": \"VIP\", \"vip\": true}",
                        "Unknown field 'vip'"),
                post400("name a number", "/api/customers", "{\"externalId\": \"c-1\", \"name\": 12345, \"tier\": \"VIP\"}",
                        "Field 'name' must be a string"),
                post400("tier an array", "/api/customers", "{\"externalId\": \"c-1\", \"name\": \"W\", \"tier\": [\"VIP\"]}",
                        "Field 'tier' must be a string"),
                post400("name with a lone high surrogate", "/api/customers",
                        "{\"externalId\": \"c-1\", \"name\": \"W\\ud800\", \"tier\": \"VIP\"}",
                        "Field 'name' contains a lone surrogate"),
                post400("duplicate field", "/api/customers",
                        "{\"externalId\": \"c-1\", \"externalId\": \"c-2\", \"name\": \"W\", \"tier\": \"VIP\"}",
                        "Duplicate field 'externalId'"),
                post400("text a number", "/api/messages", message.formatted(id, "12345"), "Field 'text' must be a string"),
                post400("text a boolean", "/api/messages", message.formatted(id, "true"), "Field 'text' must be a string"),
                post400("text with NUL", "/api/messages", message.formatted(id, "\"hi\\u0000\""),
                        "Field 'text' contains a NUL character"),
                post400("text with a lone low surrogate", "/api/messages", message.formatted(id, "\"\\udc00 hi\""),
                        "Field 'text' contains a lone surrogate (U+DC00)"),
                post400("customerExternalId with a space", "/api/messages", message.formatted("\"c 1\"", "\"hi\""),
                        "customerExternalId must be"),
                post400("channel a number", "/api/messages",
                        "{\"channel\": 1, \"customerExternalId\": \"c-1\", \"text\": \"hi\"}", "Field 'channel' must be a string"),
                post400("unknown message field", "/api/messages",
                        "{\"channel\": \"web\", \"customerExternalId\": \"c-1\", \"text\": \"hi\", \"priority\": \"HIGH\"}",
                        "Unknown field 'priority'"),
                post400("array instead of object", "/api/messages", "[]", "The request body must be a JSON object"),
                post400("content after the JSON", "/api/messages", message.formatted(id, "\"hi\"") + " {}",
                        "content after the end of the JSON value"),
                post400("malformed JSON", "/api/messages", "{\"channel\": \"web\", ", "Malformed JSON request body"),
                post400("solved a number", "/api/tickets/1/bot-feedback", "{\"solved\": 1}",
                        "Field 'solved' must be a boolean"),
                post400("solved a string", "/api/tickets/1/bot-feedback", "{\"solved\": \"true\"}",
                        "Field 'solved' must be a boolean"),
                post400("solved null", "/api/tickets/1/bot-feedback", "{\"solved\": null}", "solved must not be null"),
                post400("reply text a number", "/api/tickets/1/replies", "{\"text\": 12345}", "Field 'text' must be a string"),
                post400("classify text a number", "/api/triage/classify", "{\"text\": 12345}",
                        "Field 'text' must be a string"),
                post400("tags a string", "/api/knowledge/articles",
                        "{\"language\": \"en\", \"title\": \"T\", \"body\": \"B\", \"tags\": \"billing\"}",
                        "Field 'tags' must be an array"),
                post400("a tag a number", "/api/knowledge/articles",
                        "{\"language\": \"en\", \"title\": \"T\", \"body\": \"B\", \"tags\": [\"a\", 3]}",
                        "Field 'tags[1]' must be a string"),
                post400("title with NUL", "/api/knowledge/articles",
                        "{\"language\": \"en\", \"title\": \"T\\u0000\", \"body\": \"B\", \"tags\": []}",
                        "Field 'title' contains a NUL character"),
                new BadRequest("version a string", HttpMethod.PUT, "/api/knowledge/articles/1",
                        "{\"version\": \"1\", \"language\": \"en\", \"title\": \"T\", \"body\": \"B\", \"tags\": []}", 400,
                        "Field 'version' must be an integer"),
                new BadRequest("version a fraction", HttpMethod.PUT, "/api/knowledge/articles/1",
                        "{\"version\": 1.5, \"language\": \"en\", \"title\": \"T\", \"body\": \"B\", \"tags\": []}", 400,
                        "Field 'version' must be an integer"),
                // agents' profiles and presence: the field is named, also nested ones
                new BadRequest("capacity a string", HttpMethod.PUT, "/api/agents/root",
                        "{\"skills\": [], \"languages\": [], \"capacity\": {\"chat\": \"3\", \"email\": 1}}", 400,
                        "Field 'capacity.chat' must be an integer"),
                new BadRequest("capacity over 100", HttpMethod.PUT, "/api/agents/root",
                        "{\"skills\": [], \"languages\": [], \"capacity\": {\"chat\": 101, \"email\": 1}}", 400,
                        "Field 'capacity.chat' must be between 0 and 100"),
                new BadRequest("skill with a comma", HttpMethod.PUT, "/api/agents/root",
                        "{\"skills\": [\"a,b\"], \"languages\": [], \"capacity\": {\"chat\": 1, \"email\": 1}}", 400,
                        "Field 'skills[0]' must be"),
                new BadRequest("unknown agent field", HttpMethod.PUT, "/api/agents/root",
                        "{\"skills\": [], \"languages\": [], \"capacity\": {\"chat\": 1, \"email\": 1}, \"vip\": 1}", 400,
                        "Unknown field 'vip'"),
                new BadRequest("presence unknown", HttpMethod.PUT, "/api/agents/root/presence", "{\"status\": \"BUSY\"}",
                        400, "Field 'status' must be ONLINE, AWAY or OFFLINE"),
                new BadRequest("presence a number", HttpMethod.PUT, "/api/agents/root/presence", "{\"status\": 1}",
                        400, "Field 'status' must be a string"),
                // paging and limits
                get400("page at int max", "/api/knowledge/articles?page=2147483647", "page must be between 0 and 10000"),
                get400("page negative", "/api/knowledge/articles?page=-1", "page must be between 0 and 10000"),
                get400("page beyond int", "/api/knowledge/articles?page=99999999999", "Invalid value for 'page': must be an integer"),
                get400("size at int max", "/api/knowledge/articles?size=2147483647", "size must be between 1 and 100"),
                get400("search limit at int max", "/api/knowledge/search?q=refund&limit=2147483647", "limit must be between"),
                get400("hot days at int max", "/api/knowledge/hot?days=2147483647", "days must be between"),
                get400("suggest limit 0", "/api/knowledge/suggest?prefix=re&limit=0", "limit must be between"),
                get400("self-service days 0", "/api/tickets/self-service?days=0", "days must be between 1 and 366"),
                get400("ticket id not a number", "/api/tickets/abc", "Invalid value for 'id': must be an integer"),
                new BadRequest("publish version not a number", HttpMethod.POST,
                        "/api/knowledge/articles/1/publish?version=abc", null, 400, "Invalid value for 'version'"),
                // NUL in parameters
                get400("search with NUL", "/api/knowledge/search?q=refund%00", "Parameter 'q' contains a NUL character"),
                get400("suggest with NUL", "/api/knowledge/suggest?prefix=re%00", "Parameter 'prefix' contains a NUL character"));
    }

    private static BadRequest post400(String name, String uri, String body, String detail) {
        return new BadRequest(name, HttpMethod.POST, uri, body, 400, detail);
    }

    private static BadRequest get400(String name, String uri, String detail) {
        return new BadRequest(name, HttpMethod.GET, uri, null, 400, detail);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIsRefusedWithAProblemNamingTheFieldAndStoresNothing(BadRequest bad) throws Exception {
        Map<String, Long> before = rowCounts();

        MockHttpServletRequestBuilder request = request(bad.method(), URI.create(bad.uri())).with(STAFF);
        if (bad.body() != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(bad.body());
        }
        MvcResult result = mvc.perform(request).andReturn();

        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString())
                .isEqualTo(bad.status());
        assertThat(result.getResponse().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JsonNode problem = applicationMapper.readTree(result.getResponse().getContentAsString());
        assertThat(problem.path("detail").asText()).contains(bad.detail());
        assertThat(problem.path("status").asInt()).isEqualTo(bad.status());
        assertThat(rowCounts()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void identifiersOfTheDocumentedCharacterSetAreStoredAndFoundAgain() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        for (String externalId : List.of("c-1001-" + run, "wang+shop." + run + "@example.com", "crm:4711:" + run,
                "A.b_c-9" + run, run + "x".repeat(128 - run.length()))) {
            mvc.perform(post("/api/customers").with(STAFF).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"externalId\": \"" + externalId + "\", \"name\": \"王芳 \\ud83d\\ude00\", \"tier\": \"VIP\"}"))
                    .andExpect(status().isCreated())
                    .andExpect(header().string("Location", "/api/customers/" + externalId));
            mvc.perform(get("/api/customers/{externalId}", externalId).with(STAFF))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.externalId").value(externalId))
                    .andExpect(jsonPath("$.name").value("王芳 😀"));
        }
    }

    @Test
    void invalidPageLanguagesAreIgnoredEverywhere() throws Exception {
        for (String lang : List.of("x.y", "fr", "zh_CN_x", "a b", "1234567890", "-", "_", "")) {
            mvc.perform(get("/login").param("lang", lang)).andExpect(status().isOk());
            mvc.perform(get("/workspace").param("lang", lang).with(STAFF)).andExpect(status().isOk());
            mvc.perform(get("/api/workspace/tasks").param("lang", lang).with(STAFF)).andExpect(status().isOk());
        }
        for (String cookie : List.of("x.y", "fr", "zh/Not/AZone", "%00")) {
            mvc.perform(get("/login").cookie(new Cookie("KEFU_LANG", cookie))).andExpect(status().isOk());
        }
        mvc.perform(get("/login").param("lang", "zh"))
                .andExpect(header().string("Content-Language", "zh"));
        mvc.perform(get("/knowledge").param("page", "2147483647").with(STAFF))
                .andExpect(status().isOk());
    }

    @Test
    void theApplicationsOwnObjectMapperStaysLenientForCamelAndTheActuator() throws Exception {
        assertThat(applicationMapper.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
        record Probe(String text) {
        }
        assertThat(applicationMapper.readValue("{\"text\": 12345, \"extra\": 1}", Probe.class).text()).isEqualTo("12345");
    }

    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }
}
