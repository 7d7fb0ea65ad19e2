package io.kefu.knowledge;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.kefu.testing.TestArticles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The knowledge base through its API in the running application, as editors, agents and the bot
 * use it. Subclasses run it on H2 and on real MariaDB. Every test writes its own articles with
 * words no other test uses, so they share one database.
 */
@RecordApplicationEvents
abstract class KnowledgeBaseScenarios {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;
    @Autowired
    KnowledgeService knowledge;
    @Autowired
    IndexSynchronizer synchronizer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEvents events;

    static final RequestPostProcessor EDITOR = user("sue").roles("SUPERVISOR");
    static final RequestPostProcessor AGENT = user("alice").roles("AGENT");

    @Test
    void editorsWritePublishAndDeleteAnArticleWithOptimisticVersions() throws Exception {
        JsonNode created = body(send(post("/api/knowledge/articles"), EDITOR,
                article("en", "Gift cards expire", "Gift cards **expire** after a year.", "giftcard", "Billing"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", containsString("/api/knowledge/articles/"))));
        long id = created.get("id").asLong();
        assertThat(created.get("status").asText()).isEqualTo("DRAFT");
        assertThat(created.get("version").asInt()).isZero();
        assertThat(created.get("tags")).extracting(JsonNode::asText).containsExactly("billing", "giftcard");

        mvc.perform(get("/api/knowledge/articles/{id}", id).with(AGENT)).andExpect(status().isOk())
                .andExpect(jsonPath("$.html").value(containsString("<strong>expire</strong>")));

        JsonNode updated = body(send(put("/api/knowledge/articles/{id}", id), EDITOR,
                update(0, "en", "Gift cards expire after a year", "Gift cards expire after twelve months.", "giftcard"))
                .andExpect(status().isOk()));
        assertThat(updated.get("version").asInt()).isEqualTo(1);
        assertThat(updated.get("updatedBy").asText()).isEqualTo("sue");

        send(put("/api/knowledge/articles/{id}", id), EDITOR, update(0, "en", "Lost update", "stale", "giftcard"))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("changed by someone else")));

        mvc.perform(post("/api/knowledge/articles/{id}/publish", id).param("version", "0").with(EDITOR))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/knowledge/articles/{id}/publish", id).param("version", "1").with(EDITOR))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PUBLISHED"))
                .andExpect(jsonPath("$.version").value(2));

        mvc.perform(get("/api/knowledge/articles").param("status", "PUBLISHED").param("tag", "GiftCard")
                        .param("lang", "en").with(AGENT))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].title").value("Gift cards expire after a year"));
        mvc.perform(get("/api/knowledge/articles").param("status", "DRAFT").param("tag", "giftcard").with(AGENT))
                .andExpect(jsonPath("$.total").value(0));

        mvc.perform(post("/api/knowledge/articles/{id}/unpublish", id).with(EDITOR))
                .andExpect(jsonPath("$.status").value("DRAFT"));
        mvc.perform(delete("/api/knowledge/articles/{id}", id).param("version", "1").with(EDITOR))
                .andExpect(status().isConflict());
        mvc.perform(delete("/api/knowledge/articles/{id}", id).with(EDITOR)).andExpect(status().isNoContent());
        mvc.perform(get("/api/knowledge/articles/{id}", id).with(AGENT)).andExpect(status().isNotFound());
    }

    @Test
    void agentsReadAndSearchButOnlyEditorsWrite() throws Exception {
        send(post("/api/knowledge/articles"), AGENT, article("en", "Agent article", "body"))
                .andExpect(status().isForbidden());
        long id = publish("en", "Loyalty points", "Points are added after delivery.");

        mvc.perform(put("/api/knowledge/articles/{id}", id).with(AGENT).contentType(MediaType.APPLICATION_JSON)
                .content(update(1, "en", "x", "y"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/knowledge/articles/{id}/unpublish", id).with(AGENT)).andExpect(status().isForbidden());
        mvc.perform(delete("/api/knowledge/articles/{id}", id).with(AGENT)).andExpect(status().isForbidden());
        mvc.perform(get("/api/knowledge/articles/{id}", id).with(AGENT)).andExpect(status().isOk());
        mvc.perform(get("/api/knowledge/search").param("q", "loyalty").with(AGENT)).andExpect(status().isOk());
        mvc.perform(get("/api/knowledge/articles/{id}", id)).andExpect(status().isUnauthorized());
        send(post("/api/knowledge/articles"), user("dora").roles("DESIGNER"), article("en", "By a designer", "ok"))
                .andExpect(status().isCreated());
        send(post("/api/knowledge/articles"), user("root").roles("ADMIN"), article("en", "By an admin", "ok"))
                .andExpect(status().isCreated());
    }

    @Test
    void badInputIsRefusedWithAProblemThatSaysWhatToFix() throws Exception {
        expectBadRequest(send(post("/api/knowledge/articles"), EDITOR, article("en", "  ", "body")),
                "title must not be blank");
        expectBadRequest(send(post("/api/knowledge/articles"), EDITOR, article("fr", "Titre", "corps")),
                "language must be 'zh' or 'en'");
        expectBadRequest(send(post("/api/knowledge/articles"), EDITOR, article("en", "Huge", "x".repeat(100_001))),
                "at most 100000");
        expectBadRequest(send(post("/api/knowledge/articles"), EDITOR, article("en", "Empty", "")),
                "body must not be blank");
        long id = publish("en", "Versioned", "Needs a version to change.");
        expectBadRequest(mvc.perform(put("/api/knowledge/articles/{id}", id).with(EDITOR)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"language\":\"en\",\"title\":\"t\",\"body\":\"b\"}")), "version");
        expectBadRequest(mvc.perform(get("/api/knowledge/articles").param("status", "ARCHIVED").with(AGENT)),
                "status must be");
        expectBadRequest(mvc.perform(get("/api/knowledge/search").param("q", " ").with(AGENT)), "q must not be blank");
        expectBadRequest(mvc.perform(get("/api/knowledge/search").param("q", "x").param("lang", "de").with(AGENT)),
                "lang must be");

        mvc.perform(get("/api/knowledge/articles/{id}", 987654).with(AGENT)).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Article 987654 does not exist"));
        send(put("/api/knowledge/articles/{id}", 987654), EDITOR, update(0, "en", "t", "b"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/knowledge/articles/{id}/publish", 987654).with(EDITOR)).andExpect(status().isNotFound());
        mvc.perform(delete("/api/knowledge/articles/{id}", 987654).with(EDITOR)).andExpect(status().isNotFound());
    }

    @Test
    void chineseArticleRoundTripsAndAChineseQuestionFindsIt() throws Exception {
        String body = "在“我的订单”里点击**申请退款**，款项三个工作日内原路退回 😀。";
        long id = publish("zh", "退款多久到账", body, "退款");

        mvc.perform(get("/api/knowledge/articles/{id}", id).with(AGENT))
                .andExpect(jsonPath("$.title").value("退款多久到账"))
                .andExpect(jsonPath("$.body").value(body))
                .andExpect(jsonPath("$.tags[0]").value("退款"));

        JsonNode found = body(mvc.perform(get("/api/knowledge/search").param("q", "怎么退款？").param("lang", "zh")
                .with(AGENT)).andExpect(status().isOk()));
        JsonNode hit = hitWithId(found, id);
        assertThat(hit.get("snippet").asText()).contains("<mark>退款</mark>");
        assertThat(hit.get("score").asDouble()).isBetween(0.0, 1.0);
        mvc.perform(get("/api/knowledge/search").param("q", "退款多久能到账").with(AGENT))
                .andExpect(jsonPath("$.hits[0].id").value(id));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM kb_query_log WHERE normalized_query = ? AND source = 'SEARCH'"
                + " AND language = 'zh' AND hit_count > 0").param("怎么退款").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void englishQuestionFindsTheArticleByAStemmedWord() throws Exception {
        long id = publish("en", "Warranty claims", "Claiming the warranty needs the receipt.");

        mvc.perform(get("/api/knowledge/search").param("q", "how to claim warranties").with(AGENT))
                .andExpect(jsonPath("$.hits[0].id").value(id))
                .andExpect(jsonPath("$.hits[0].title").value("Warranty claims"));
    }

    @Test
    void eachChangeToAnArticlePublishesTheRecordOfItsFact() {
        long id = create("en", "Kite repair kits", "Kite repair kits hold tape and spare spars.");
        knowledge.publish(id, null, "sue");
        knowledge.publish(id, null, "sue");
        knowledge.unpublish(id, null, "sue");
        knowledge.delete(id, null);

        assertThat(events.stream(Object.class).filter(e -> e instanceof ArticleSaved saved && saved.article().id() == id
                || e instanceof ArticlePublicationChanged changed && changed.articleId() == id))
                .as("publishing a published article again is no fact")
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ArticleSaved", "ArticleSaved", "ArticlePublished", "ArticleSaved",
                        "ArticleUnpublished", "ArticleDeleted");
        assertThat(knowledge.search("kite repair", "en", "DRAFT", null, 10, QuerySource.AGENT).hits())
                .as("the index dropped the deleted article").isEmpty();
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE target = ? ORDER BY id").param("article " + id)
                .query(String.class).list())
                .containsExactly("knowledge.publish", "knowledge.unpublish", "knowledge.delete");
    }

    @Test
    void draftsAreInvisibleToSearchAndTheBotUntilPublished() throws Exception {
        long id = create("en", "Zeppelin boarding passes", "Zeppelin boarding passes are printed at the hangar.");

        assertThat(knowledge.search("zeppelin boarding", "en", null, null, 10, QuerySource.SEARCH).hits()).isEmpty();
        assertThat(knowledge.bestAnswer("zeppelin boarding passes", "en")).isEmpty();
        assertThat(knowledge.search("zeppelin boarding", "en", "DRAFT", null, 10, QuerySource.AGENT).hits())
                .extracting(SearchHit::id).containsExactly(id);

        knowledge.publish(id, null, "sue");

        assertThat(knowledge.bestAnswer("Where do I get my zeppelin boarding pass?", null))
                .hasValueSatisfying(answer -> {
                    assertThat(answer.articleId()).isEqualTo(id);
                    assertThat(answer.language()).isEqualTo("en");
                    assertThat(answer.body()).contains("printed at the hangar");
                    assertThat(answer.score()).isGreaterThanOrEqualTo(knowledge.botThreshold()).isLessThan(1.0);
                });
        assertThat(jdbc.sql("SELECT source FROM kb_query_log WHERE normalized_query = ?")
                .param("where do i get my zeppelin boarding pass").query(String.class).list()).containsExactly("BOT");
    }

    @Test
    void theBotStaysSilentOnAQuestionNoArticleAnswers() {
        publish("en", "Opening hours of the Oslo store", "The Oslo store opens at nine.");

        assertThat(knowledge.bestAnswer("my parrot swallowed a marble", "en")).isEmpty();
        assertThat(knowledge.related("Oslo store opening hours", "en", 3)).extracting(KnowledgeAnswer::title)
                .first().isEqualTo("Opening hours of the Oslo store");
    }

    @Test
    void suggestionsCompleteChineseAndEnglishPrefixesFromQueriesThatFoundArticles() throws Exception {
        publish("zh", "退款怎么申请", "在订单页面申请退款。");
        publish("zh", "退货运费谁出", "质量问题退货运费由我们承担。");
        publish("en", "Refund status", "See the refund status in your orders.");
        for (String q : List.of("退款怎么申请", "退款怎么申请？", "退款 怎么申请", "退货运费谁出", "退xyzzy")) {
            mvc.perform(get("/api/knowledge/search").param("q", q).with(AGENT)).andExpect(status().isOk());
        }
        for (String q : List.of("Refund status", "refund status?", "refurbished qqq")) {
            mvc.perform(get("/api/knowledge/search").param("q", q).with(AGENT)).andExpect(status().isOk());
        }

        JsonNode zh = body(mvc.perform(get("/api/knowledge/suggest").param("prefix", "退").param("limit", "20")
                .with(AGENT)).andExpect(status().isOk()));
        List<String> zhTexts = zh.findValuesAsText("text");
        assertThat(zhTexts).contains("退款怎么申请", "退货运费谁出").doesNotContain("退xyzzy");
        assertThat(zhTexts.indexOf("退款怎么申请")).isLessThan(zhTexts.indexOf("退货运费谁出"));
        assertThat(zh.get(zhTexts.indexOf("退款怎么申请")).get("kind").asText()).isEqualTo("QUERY");

        JsonNode en = body(mvc.perform(get("/api/knowledge/suggest").param("prefix", "REF").param("lang", "en")
                .with(AGENT)).andExpect(status().isOk()));
        assertThat(en.get(0).get("text").asText()).isEqualTo("refund status");
        assertThat(en.get(0).get("count").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(en.findValuesAsText("text")).doesNotContain("refurbished qqq");
    }

    @Test
    void hotSearchesRankTheMostAskedQueriesOfTheWindow() throws Exception {
        for (int i = 0; i < 5; i++) {
            knowledge.search("Hotquery Alpha", "en", null, null, 5, QuerySource.SEARCH);
        }
        for (int i = 0; i < 3; i++) {
            knowledge.bestAnswer("hotquery beta?", "en");
        }
        knowledge.search("hotquery gamma", "en", null, null, 5, QuerySource.AGENT);
        // asked often, but a month ago
        for (int i = 0; i < 9; i++) {
            jdbc.sql("INSERT INTO kb_query_log (query_text, normalized_query, language, hit_count, source, created_at)"
                    + " VALUES ('hotquery old', 'hotquery old', 'en', 1, 'SEARCH', ?)")
                    .param(Timestamp.from(Instant.now().minus(30, ChronoUnit.DAYS))).update();
        }

        JsonNode hot = body(mvc.perform(get("/api/knowledge/hot").param("days", "7").param("limit", "50")
                .param("lang", "en").with(AGENT)).andExpect(status().isOk()));
        List<String> queries = hot.findValuesAsText("query").stream().filter(q -> q.startsWith("hotquery")).toList();

        assertThat(queries).containsExactly("hotquery alpha", "hotquery beta", "hotquery gamma");
        assertThat(hot.get(hot.findValuesAsText("query").indexOf("hotquery alpha")).get("count").asLong()).isEqualTo(5);
    }

    @Test
    void theFreshnessCheckPicksUpWhatAnotherNodeWroteToTheDatabase() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        // another node: straight into the shared tables, so this node's index hears nothing
        jdbc.sql("INSERT INTO kb_article (language, title, body, status, created_at, updated_at, published_at, version)"
                + " VALUES ('en', 'Hovercraft parking', 'Hovercraft park on level two.', 'PUBLISHED', ?, ?, ?, 0)")
                .params(Timestamp.from(now), Timestamp.from(now), Timestamp.from(now)).update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        jdbc.sql("INSERT INTO kb_article_tag (article_id, tag) VALUES (?, 'parking')").param(id).update();
        assertThat(hits("hovercraft")).isEmpty();

        assertThat(synchronizer.catchUp()).isPositive();
        assertThat(hits("hovercraft")).containsExactly("Hovercraft parking");

        jdbc.sql("UPDATE kb_article SET title = 'Hovercraft parking and charging', version = version + 1 WHERE id = ?")
                .param(id).update();
        synchronizer.catchUp();
        assertThat(hits("hovercraft")).containsExactly("Hovercraft parking and charging");
        assertThat(synchronizer.catchUp()).as("nothing new since").isZero();

        jdbc.sql("DELETE FROM kb_article_tag WHERE article_id = ?").param(id).update();
        jdbc.sql("DELETE FROM kb_article WHERE id = ?").param(id).update();
        synchronizer.catchUp();
        assertThat(hits("hovercraft")).isEmpty();
    }

    private static JsonNode hitWithId(JsonNode results, long id) {
        for (JsonNode hit : results.get("hits")) {
            if (hit.get("id").asLong() == id) {
                return hit;
            }
        }
        throw new AssertionError("article " + id + " not among the hits " + results);
    }

    private List<String> hits(String query) {
        return knowledge.search(query, "en", "ANY", null, 10, QuerySource.AGENT).hits().stream()
                .map(SearchHit::title).toList();
    }

    long create(String language, String title, String body, String... tags) {
        return TestArticles.draft(knowledge, language, title, body, tags);
    }

    long publish(String language, String title, String body, String... tags) {
        return TestArticles.published(knowledge, language, title, body, tags);
    }

    private ResultActions send(MockHttpServletRequestBuilder request, RequestPostProcessor who, String body)
            throws Exception {
        return mvc.perform(request.with(who).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static void expectBadRequest(ResultActions result, String detail) throws Exception {
        result.andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString(detail)));
    }

    private JsonNode body(ResultActions result) throws Exception {
        return json.readTree(result.andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private String article(String language, String title, String body, String... tags) throws Exception {
        return json.writeValueAsString(new java.util.LinkedHashMap<>(java.util.Map.of("language", language,
                "title", title, "body", body, "tags", List.of(tags))));
    }

    private String update(int version, String language, String title, String body, String... tags) throws Exception {
        return json.writeValueAsString(java.util.Map.of("version", version, "language", language, "title", title,
                "body", body, "tags", List.of(tags)));
    }
}
