package io.kefu.knowledge;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.kefu.testing.H2Database;
import io.kefu.testing.TestArticles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The knowledge pages: list, search with hot searches and type-ahead, article view, and the editor's form. */
@H2Database("workspace-page")
@SpringBootTest
@AutoConfigureMockMvc
class KnowledgePageTest {

    static final RequestPostProcessor EDITOR = user("sue").roles("SUPERVISOR");
    static final RequestPostProcessor AGENT = user("alice").roles("AGENT");

    @Autowired
    MockMvc mvc;
    @Autowired
    KnowledgeService knowledge;

    @Test
    void agentsSearchTheKnowledgeBaseAndSeeHotSearchesInChinese() throws Exception {
        long id = TestArticles.published(knowledge, "zh", "发票怎么开", "在订单详情页点击**申请发票**。", "发票");
        knowledge.search("发票怎么开", "zh", null, null, 5, QuerySource.SEARCH);

        mvc.perform(get("/knowledge").param("q", "开发票").param("language", "zh").with(AGENT).header("Accept-Language", "zh"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("知识库"), containsString("热门搜索"),
                        containsString("data-article-id=\"" + id + "\""), containsString("<mark>发票</mark>"),
                        containsString("发票怎么开"), containsString("/js/knowledge-suggest.js"))))
                .andExpect(content().string(not(containsString("新建文章"))));
    }

    @Test
    void theArticleLanguageFilterLeavesTheInterfaceLanguageAlone() throws Exception {
        long zh = TestArticles.published(knowledge, "zh", "退货流程", "在订单页申请退货。");
        long en = TestArticles.published(knowledge, "en", "Sending parcels back", "Send the parcel back within 30 days.");
        // An English interface listing Chinese articles: the page stays English, the list is Chinese.
        mvc.perform(get("/knowledge").param("language", "zh").with(AGENT).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Knowledge base"), containsString(" lang=\"en\""),
                        containsString("data-article-id=\"" + zh + "\""), not(containsString("data-article-id=\"" + en + "\"")),
                        containsString("<option value=\"zh\" selected=\"selected\""))))
                .andExpect(content().string(not(containsString("知识库"))));
        // and a Chinese interface listing English articles
        mvc.perform(get("/knowledge").param("language", "en").param("lang", "zh").with(AGENT))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("知识库"), containsString("data-article-id=\"" + en + "\""),
                        not(containsString("data-article-id=\"" + zh + "\"")))));
        mvc.perform(get("/knowledge/suggest").param("prefix", "Sending").param("language", "zh").with(AGENT))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void theTypeAheadAnswersOnThePageSession() throws Exception {
        long id = TestArticles.published(knowledge, "en", "Voucher codes", "Enter voucher codes at checkout.");

        mvc.perform(get("/knowledge/suggest").param("prefix", "vouch").with(AGENT))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].text").value("Voucher codes"))
                .andExpect(jsonPath("$[0].kind").value("ARTICLE"));
    }

    @Test
    void anArticlePageShowsTheMarkdownAsSafeHtml() throws Exception {
        long id = knowledge.create(new ArticleContent("en", "Unsafe sample",
                "**Bold** <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>", List.of()),
                "sue").id();

        mvc.perform(get("/knowledge/articles/{id}", id).with(AGENT))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("<strong>Bold</strong>"),
                        containsString("&lt;script&gt;"))))
                .andExpect(content().string(allOf(not(containsString("<script>alert")),
                        not(containsString("javascript:alert")), not(containsString("onerror=alert")))));
        mvc.perform(get("/knowledge/articles/{id}", 424242).with(AGENT)).andExpect(status().isNotFound());
    }

    @Test
    void editorsPreviewCreatePublishAndEditThroughTheForm() throws Exception {
        mvc.perform(get("/knowledge/articles/new").with(EDITOR)).andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"title\"")));

        mvc.perform(post("/knowledge/articles").with(EDITOR).with(csrf()).param("language", "en")
                        .param("title", "Pet policy").param("body", "Pets are **welcome**.").param("tags", "pets, Travel")
                        .param("preview", "1"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<strong>welcome</strong>")));
        assertThat(knowledge.search("pet policy", "en", "ANY", null, 5, QuerySource.AGENT).hits()).isEmpty();

        String location = mvc.perform(post("/knowledge/articles").with(EDITOR).with(csrf()).param("language", "en")
                        .param("title", "Pet policy").param("body", "Pets are **welcome**.").param("tags", "pets, Travel"))
                .andExpect(redirectedUrlPattern("/knowledge/articles/*"))
                .andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(knowledge.get(id).tags()).containsExactly("pets", "travel");

        mvc.perform(post("/knowledge/articles/{id}/publish", id).param("version", "0").with(EDITOR).with(csrf()))
                .andExpect(redirectedUrlPattern("/knowledge/articles/*"));
        assertThat(knowledge.get(id).published()).isTrue();

        mvc.perform(post("/knowledge/articles/{id}", id).with(EDITOR).with(csrf()).param("version", "0")
                        .param("language", "en").param("title", "Stale edit").param("body", "old"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Someone else changed this article")));
        mvc.perform(post("/knowledge/articles/{id}", id).with(EDITOR).with(csrf()).param("version", "1")
                        .param("language", "en").param("title", " ").param("body", "x"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("The article was not saved")));
        mvc.perform(post("/knowledge/articles/{id}", id).with(EDITOR).with(csrf()).param("version", "1")
                        .param("language", "en").param("title", "Pet policy for cabins").param("body", "Small pets only."))
                .andExpect(redirectedUrlPattern("/knowledge/articles/*"));
        assertThat(knowledge.get(id).title()).isEqualTo("Pet policy for cabins");
        assertThat(knowledge.get(id).published()).isTrue();
    }

    @Test
    void agentsCannotOpenTheEditorOrChangeArticles() throws Exception {
        long id = knowledge.create(new ArticleContent("en", "Agents read only", "body", List.of()), "sue").id();

        mvc.perform(get("/knowledge/articles/new").with(AGENT)).andExpect(status().isForbidden());
        mvc.perform(get("/knowledge/articles/{id}/edit", id).with(AGENT)).andExpect(status().isForbidden());
        mvc.perform(post("/knowledge/articles/{id}/publish", id).with(AGENT).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/knowledge/articles/{id}/delete", id).with(AGENT).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(knowledge.get(id).published()).isFalse();
        mvc.perform(get("/knowledge/articles/{id}", id).with(AGENT))
                .andExpect(content().string(not(containsString("/edit"))));
    }
}
