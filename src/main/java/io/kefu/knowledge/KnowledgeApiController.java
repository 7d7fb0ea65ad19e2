package io.kefu.knowledge;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The knowledge base over HTTP. Reading and searching: any signed-in user. Writing, publishing
 * and deleting: supervisors, designers and admins (enforced in {@code SecurityConfig}).
 */
@RestController
@RequestMapping("/api/knowledge")
class KnowledgeApiController {

    private final KnowledgeService knowledge;

    KnowledgeApiController(KnowledgeService knowledge) {
        this.knowledge = knowledge;
    }

    /**
     * Lists articles a page at a time, most recently changed first.
     * Filters by {@code status} ({@code DRAFT}, {@code PUBLISHED} or {@code ANY}; every status when left
     * out), {@code lang} ({@code zh} or {@code en}) and {@code tag}; {@code page} from 0 to 10,000 and
     * {@code size} from 1 to 100 (default 20). Answers <code>{items, page, size, total}</code>; 400 on a bad
     * filter or bound. Any staff role may read.
     */
    @GetMapping("/articles")
    PageView list(@RequestParam(required = false) String status, @RequestParam(required = false) String lang,
            @RequestParam(required = false) String tag, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        ArticlePage found = knowledge.list(status, lang, tag, page, size);
        return new PageView(found.items().stream().map(a -> ArticleView.of(a, null)).toList(), found.page(),
                found.size(), found.total());
    }

    /**
     * Reads one article, with its body rendered as safe HTML.
     * Answers the article with {@code html}, the sanitised rendering of its Markdown body; 404 when there
     * is no such article. Any staff role may read.
     */
    @GetMapping("/articles/{id}")
    ArticleView get(@PathVariable long id) {
        Article article = knowledge.get(id);
        return ArticleView.of(article, knowledge.toSafeHtml(article.body()));
    }

    /**
     * Creates an article as a draft.
     * The body is <code>{language, title, body, tags}</code>, language {@code zh} or {@code en}; answers 201
     * with the draft and its address in {@code Location}. 400 on an unknown language, a blank or too long
     * title or body, or too many or too long tags. Supervisors, designers and admins.
     */
    @PostMapping("/articles")
    ResponseEntity<ArticleView> create(@RequestBody ArticleRequest request, Authentication user) {
        Article article = knowledge.create(request.content(), user.getName());
        return ResponseEntity.created(URI.create("/api/knowledge/articles/" + article.id()))
                .body(ArticleView.of(article, null));
    }

    /**
     * Replaces an article's content and keeps its status.
     * The body is <code>{version, language, title, body, tags}</code>, {@code version} being the one the caller
     * read; answers the article with its version one higher. 409 when someone changed it since that
     * version, 404 when there is no such article, 400 on invalid content or a missing version.
     * Supervisors, designers and admins.
     */
    @PutMapping("/articles/{id}")
    ArticleView update(@PathVariable long id, @Valid @RequestBody ArticleUpdate request, Authentication user) {
        return ArticleView.of(knowledge.update(id, request.version(), request.content(), user.getName()), null);
    }

    /**
     * Publishes an article, so customers and the bot can find it.
     * With {@code version}, only while the article is still at that version (409 otherwise); publishing a
     * published article changes nothing. Answers the article; 404 when there is no such article. Audited
     * as {@code knowledge.publish} when the status changes. Supervisors, designers and admins.
     */
    @PostMapping("/articles/{id}/publish")
    ArticleView publish(@PathVariable long id, @RequestParam(required = false) Integer version, Authentication user) {
        return ArticleView.of(knowledge.publish(id, version, user.getName()), null);
    }

    /**
     * Unpublishes an article, so customers and the bot no longer see it.
     * With {@code version}, only while the article is still at that version (409 otherwise); a draft stays
     * as it is. Answers the article; 404 when there is no such article. Audited as
     * {@code knowledge.unpublish} when the status changes. Supervisors, designers and admins.
     */
    @PostMapping("/articles/{id}/unpublish")
    ArticleView unpublish(@PathVariable long id, @RequestParam(required = false) Integer version,
            Authentication user) {
        return ArticleView.of(knowledge.unpublish(id, version, user.getName()), null);
    }

    /**
     * Deletes an article.
     * With {@code version}, only while the article is still at that version (409 otherwise). Answers 204;
     * 404 when there is no such article. Audited as {@code knowledge.delete}. Supervisors, designers and
     * admins.
     */
    @DeleteMapping("/articles/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) Integer version) {
        knowledge.delete(id, version);
        return ResponseEntity.noContent().build();
    }

    /**
     * Searches the articles for a text and logs the query.
     * {@code q} is required and not blank; {@code lang} searches one language ({@code zh} or {@code en}),
     * otherwise both, each with its own analysis; {@code status} is {@code PUBLISHED} by default, or
     * {@code DRAFT} or {@code ANY}; {@code tag} filters; {@code limit} from 1 to 50 (default 10). Answers
     * <code>{query, total, hits}</code>, each hit with a snippet and a score; 400 on a bad parameter.
     */
    @GetMapping("/search")
    SearchResults search(@RequestParam String q, @RequestParam(required = false) String lang,
            @RequestParam(required = false) String status, @RequestParam(required = false) String tag,
            @RequestParam(defaultValue = "10") int limit) {
        return knowledge.search(q, lang, status, tag, limit, QuerySource.SEARCH);
    }

    /**
     * Lists the most frequent queries of the last days, most asked first.
     * Searches and the questions put to the bot count alike. {@code days} from 1 to 365 (default 7),
     * {@code limit} from 1 to 50 (default 10), {@code lang} one language or, when left out, both merged.
     * Answers <code>[{query, language, count}]</code>; 400 on a bad parameter.
     */
    @GetMapping("/hot")
    List<HotQuery> hot(@RequestParam(defaultValue = "7") int days, @RequestParam(required = false) String lang,
            @RequestParam(defaultValue = "10") int limit) {
        return knowledge.hot(days, lang, limit);
    }

    /**
     * Suggests completions for what someone is typing in the search box.
     * Logged queries that found articles and start with {@code prefix}, most asked first, then titles of
     * published articles containing it; {@code lang} defaults to the prefix's own script and
     * {@code limit} runs from 1 to 20 (default 8). A blank prefix answers an empty list; 400 on a bad
     * {@code lang} or {@code limit}.
     */
    @GetMapping("/suggest")
    List<Suggestion> suggest(@RequestParam String prefix, @RequestParam(required = false) String lang,
            @RequestParam(defaultValue = "8") int limit) {
        return knowledge.suggest(prefix, lang, limit);
    }

    /** A new article. */
    record ArticleRequest(String language, String title, String body, List<String> tags) {
        ArticleContent content() {
            return new ArticleContent(language, title, body, tags);
        }
    }

    /** New content for an article read at {@code version}. */
    record ArticleUpdate(@NotNull Integer version, String language, String title, String body, List<String> tags) {
        ArticleContent content() {
            return new ArticleContent(language, title, body, tags);
        }
    }

    /** An article as the API shows it; {@code html} (the safe rendering of the body) only when read alone. */
    record ArticleView(long id, String language, String title, String body, @Nullable String html, List<String> tags,
            ArticleStatus status, Instant createdAt, Instant updatedAt, @Nullable Instant publishedAt,
            @Nullable String updatedBy, int version) {

        static ArticleView of(Article a, @Nullable String html) {
            return new ArticleView(a.id(), a.language().code(), a.title(), a.body(), html, a.tags(), a.status(),
                    a.createdAt(), a.updatedAt(), a.publishedAt(), a.updatedBy(), a.version());
        }
    }

    record PageView(List<ArticleView> items, int page, int size, long total) {
    }
}
