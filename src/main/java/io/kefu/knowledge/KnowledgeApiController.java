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

    @GetMapping("/articles")
    PageView list(@RequestParam(required = false) String status, @RequestParam(required = false) String lang,
            @RequestParam(required = false) String tag, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        ArticlePage found = knowledge.list(status, lang, tag, page, size);
        return new PageView(found.items().stream().map(a -> ArticleView.of(a, null)).toList(), found.page(),
                found.size(), found.total());
    }

    @GetMapping("/articles/{id}")
    ArticleView get(@PathVariable long id) {
        Article article = knowledge.get(id);
        return ArticleView.of(article, knowledge.toSafeHtml(article.body()));
    }

    @PostMapping("/articles")
    ResponseEntity<ArticleView> create(@RequestBody ArticleRequest request, Authentication user) {
        Article article = knowledge.create(request.content(), user.getName());
        return ResponseEntity.created(URI.create("/api/knowledge/articles/" + article.id()))
                .body(ArticleView.of(article, null));
    }

    @PutMapping("/articles/{id}")
    ArticleView update(@PathVariable long id, @Valid @RequestBody ArticleUpdate request, Authentication user) {
        return ArticleView.of(knowledge.update(id, request.version(), request.content(), user.getName()), null);
    }

    @PostMapping("/articles/{id}/publish")
    ArticleView publish(@PathVariable long id, @RequestParam(required = false) Integer version, Authentication user) {
        return ArticleView.of(knowledge.publish(id, version, user.getName()), null);
    }

    @PostMapping("/articles/{id}/unpublish")
    ArticleView unpublish(@PathVariable long id, @RequestParam(required = false) Integer version,
            Authentication user) {
        return ArticleView.of(knowledge.unpublish(id, version, user.getName()), null);
    }

    @DeleteMapping("/articles/{id}")
    ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) Integer version) {
        knowledge.delete(id, version);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/search")
    SearchResults search(@RequestParam String q, @RequestParam(required = false) String lang,
            @RequestParam(required = false) String status, @RequestParam(required = false) String tag,
            @RequestParam(defaultValue = "10") int limit) {
        return knowledge.search(q, lang, status, tag, limit, QuerySource.SEARCH);
    }

    @GetMapping("/hot")
    List<HotQuery> hot(@RequestParam(defaultValue = "7") int days, @RequestParam(required = false) String lang,
            @RequestParam(defaultValue = "10") int limit) {
        return knowledge.hot(days, lang, limit);
    }

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
