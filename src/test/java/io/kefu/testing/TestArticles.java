package io.kefu.testing;

import java.util.List;

import io.kefu.knowledge.ArticleContent;
import io.kefu.knowledge.KnowledgeService;

/** Knowledge-base articles as tests set them up, through the knowledge service, by the editor "sue". */
public final class TestArticles {

    public static final String EDITOR = "sue";

    private TestArticles() {
    }

    /** A new draft; its id. */
    public static long draft(KnowledgeService knowledge, String language, String title, String body,
            String... tags) {
        return knowledge.create(new ArticleContent(language, title, body, List.of(tags)), EDITOR).id();
    }

    /** A new article, published at once; its id. */
    public static long published(KnowledgeService knowledge, String language, String title, String body,
            String... tags) {
        long id = draft(knowledge, language, title, body, tags);
        knowledge.publish(id, null, EDITOR);
        return id;
    }
}
