package io.kefu.knowledge;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.kefu.text.Language;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The periodic catch-up against a write this node makes while it runs: the database's versions are
 * read before that write commits, the write then reaches the index through its event, and the
 * catch-up must not take the new article for one another node removed.
 */
class IndexSynchronizerTest {

    private final KnowledgeIndex index = new KnowledgeIndex(new MarkdownRenderer());
    private final Article written = KnowledgeIndexTest.article(7, Language.ZH, "发票怎么开", "在订单详情页点击申请发票。",
            ArticleStatus.PUBLISHED, "发票");

    @Test
    void anArticleWrittenWhileTheCatchUpRunsStaysSearchable() {
        ArticleRepository database = new ArticleRepository(null) {
            @Override
            Fingerprint fingerprint() {
                return new Fingerprint(1, 7, 0);
            }

            @Override
            Map<Long, Integer> versions() {
                // Read before the local write commits; the write's event lands right after this read.
                index.put(written);
                return Map.of();
            }

            @Override
            List<Article> findAllById(Collection<Long> ids) {
                return ids.contains(7L) ? List.of(written) : List.of();
            }
        };

        new IndexSynchronizer(database, index).catchUp();

        assertThat(index.versions()).containsKey(7L);
    }
}
