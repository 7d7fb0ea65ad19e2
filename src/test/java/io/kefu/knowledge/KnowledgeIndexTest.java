package io.kefu.knowledge;

import io.kefu.text.Language;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Search in Chinese and English, filters, snippets and answer confidence, on the index alone. */
class KnowledgeIndexTest {

    private final KnowledgeIndex index = new KnowledgeIndex(new MarkdownRenderer());

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    @Test
    void chineseQuestionFindsTheChineseArticleThroughWordSegmentation() {
        index.replaceAll(List.of(
                article(1, Language.ZH, "退款申请流程", "在订单页面点击申请退款，三个工作日内原路退回。", ArticleStatus.PUBLISHED,
                        "退款"),
                article(2, Language.ZH, "修改收货地址", "发货前可以在订单详情里修改收货地址。", ArticleStatus.PUBLISHED),
                article(3, Language.EN, "Refund policy", "Refunds are paid back within three days.",
                        ArticleStatus.PUBLISHED)));

        KnowledgeIndex.Results results = search("怎么退款", EnumSet.of(Language.ZH), ArticleStatus.PUBLISHED);

        assertThat(results.hits()).extracting(KnowledgeIndex.Hit::id).containsExactly(1L);
        assertThat(results.hits().get(0).snippet()).contains("<mark>退款</mark>");
    }

    @Test
    void englishQuestionFindsTheArticleByAStemmedVariant() {
        index.replaceAll(List.of(
                article(1, Language.EN, "Cancelling a subscription", "You can cancel at any time in Settings.",
                        ArticleStatus.PUBLISHED),
                article(2, Language.EN, "Delivery times", "Parcels arrive in two to five days.",
                        ArticleStatus.PUBLISHED)));

        assertThat(search("how do I cancel my subscriptions", EnumSet.of(Language.EN),
                ArticleStatus.PUBLISHED).hits()).extracting(KnowledgeIndex.Hit::id).containsExactly(1L);
        assertThat(search("parcel arriving late", EnumSet.of(Language.EN), ArticleStatus.PUBLISHED)
                .hits()).extracting(KnowledgeIndex.Hit::id).containsExactly(2L);
    }

    @Test
    void titleMatchesOutrankBodyMatchesAndTagsAreSearchable() {
        index.replaceAll(List.of(
                article(1, Language.EN, "Invoices", "Where to find an invoice for a password change.",
                        ArticleStatus.PUBLISHED),
                article(2, Language.EN, "Password reset", "Use the link on the sign-in page.",
                        ArticleStatus.PUBLISHED),
                article(3, Language.EN, "Two-factor codes", "Codes come by text message.", ArticleStatus.PUBLISHED,
                        "security")));

        assertThat(search("password", EnumSet.of(Language.EN), ArticleStatus.PUBLISHED).hits())
                .extracting(KnowledgeIndex.Hit::id).containsExactly(2L, 1L);
        assertThat(search("security", EnumSet.of(Language.EN), ArticleStatus.PUBLISHED).hits())
                .extracting(KnowledgeIndex.Hit::id).containsExactly(3L);
    }

    @Test
    void draftsAreOnlyFoundWhenStaffAskForThem() {
        index.replaceAll(List.of(
                article(1, Language.EN, "Refund policy draft", "Refunds in three days.", ArticleStatus.DRAFT)));

        assertThat(search("refund", EnumSet.of(Language.EN), ArticleStatus.PUBLISHED).hits()).isEmpty();
        assertThat(index.answers("refund", Language.EN, 3)).isEmpty();
        assertThat(search("refund", EnumSet.of(Language.EN), null).hits()).hasSize(1);
    }

    @Test
    void putReplacesAndRemoveDeletesWithoutARebuild() {
        index.replaceAll(List.of(article(1, Language.EN, "Old title", "old words", ArticleStatus.PUBLISHED)));

        index.put(new Article(1, Language.EN, "Shipping", "new words", List.of(), ArticleStatus.PUBLISHED,
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, 1));
        assertThat(search("old", EnumSet.of(Language.EN), null).hits()).isEmpty();
        assertThat(search("shipping", EnumSet.of(Language.EN), null).hits()).hasSize(1);
        assertThat(index.versions()).containsEntry(1L, 1);

        index.put(article(1, Language.EN, "Stale write", "stale", ArticleStatus.PUBLISHED));
        assertThat(search("shipping", EnumSet.of(Language.EN), null).hits()).as("older version ignored")
                .hasSize(1);

        index.remove(1);
        assertThat(search("shipping", EnumSet.of(Language.EN), null).hits()).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void theRightArticleGetsAHigherConfidenceThanAnUnrelatedQuestionsBestMatch() {
        index.replaceAll(List.of(
                article(1, Language.EN, "Reset your password",
                        "Forgot your password? Open the sign-in page and choose reset password.", ArticleStatus.PUBLISHED),
                article(2, Language.EN, "Track a parcel", "Track your parcel with the tracking number.",
                        ArticleStatus.PUBLISHED),
                article(3, Language.EN, "Change your address", "Update the delivery address before shipping.",
                        ArticleStatus.PUBLISHED)));

        List<KnowledgeAnswer> right = index.answers("I forgot my password, how do I reset it", Language.EN, 3);
        List<KnowledgeAnswer> unrelated = index.answers("can you tell me about your address book sync for my phone",
                Language.EN, 3);

        assertThat(right.get(0).articleId()).isEqualTo(1);
        assertThat(right.get(0).score()).isBetween(0.0, 1.0).isGreaterThan(unrelated.get(0).score());
        assertThat(right.get(0).score()).isGreaterThan(right.get(1 % right.size()).score() - 1e-9);
        assertThat(right.get(0).body()).contains("sign-in page");
        assertThat(index.answers("量子力学", Language.ZH, 3)).isEmpty();
    }

    @Test
    void snippetsEscapeTheBodyAndMarkOnlyTheMatches() {
        index.replaceAll(List.of(article(1, Language.EN, "Refunds",
                "Refund <script>alert(1)</script> within three days", ArticleStatus.PUBLISHED)));

        String snippet = search("refund", EnumSet.of(Language.EN), null).hits().get(0).snippet();

        assertThat(snippet).contains("<mark>Refund</mark>").doesNotContain("<script");
    }

    @Test
    void titleSuggestionsPreferTitlesStartingWithThePrefix() {
        index.replaceAll(List.of(
                article(1, Language.ZH, "申请退款", "正文", ArticleStatus.PUBLISHED),
                article(2, Language.ZH, "退款怎么申请", "正文", ArticleStatus.PUBLISHED),
                article(3, Language.ZH, "退货草稿", "正文", ArticleStatus.DRAFT)));

        assertThat(index.titlesMatching("退", Language.ZH, ArticleStatus.PUBLISHED, 5))
                .extracting(KnowledgeIndex.Entry::title).containsExactly("退款怎么申请", "申请退款");
    }

    private KnowledgeIndex.Results search(String text, Set<Language> languages, ArticleStatus status) {
        return index.search(new KnowledgeIndex.Search(text, languages, status, null, 10, true));
    }

    static Article article(long id, Language language, String title, String body, ArticleStatus status,
            String... tags) {
        return new Article(id, language, title, body, List.of(tags), status, Instant.EPOCH, Instant.EPOCH,
                status == ArticleStatus.PUBLISHED ? Instant.EPOCH : null, null, 0);
    }
}
