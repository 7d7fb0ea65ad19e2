package io.kefu.knowledge;

import io.kefu.text.Language;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The knowledge base's one entry point: articles (write, publish, read), search, hot searches,
 * type-ahead suggestions, and the answers the bot and the agent workspace ask for. Every search
 * and every bot question is written to the query log, from which hot searches and suggestions
 * are counted. Writes go to the database; the in-memory index follows after commit and, for
 * other nodes' writes, at the next freshness check ({@link IndexSynchronizer}).
 */
@Service
@Transactional
public class KnowledgeService {

    static final int MAX_TAG_LENGTH = 64;
    static final int MAX_SEARCH_LIMIT = 50;
    static final int MAX_PAGE_SIZE = 100;
    /** Deepest page a list may ask for: 1,000,000 articles at the largest page size, and no int overflow. */
    static final int MAX_PAGE = 10_000;
    static final int MAX_SUGGESTIONS = 20;
    static final int MAX_HOT_DAYS = 365;

    private final ArticleRepository articles;
    private final QueryLog queries;
    private final KnowledgeIndex index;
    private final MarkdownRenderer markdown;
    private final KnowledgeProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    KnowledgeService(ArticleRepository articles, QueryLog queries, KnowledgeIndex index, MarkdownRenderer markdown,
            KnowledgeProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.articles = articles;
        this.queries = queries;
        this.index = index;
        this.markdown = markdown;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    // ---- articles

    /** Creates a draft. */
    public Article create(ArticleContent content, @Nullable String user) {
        Checked c = check(content);
        Instant now = now();
        Article draft = new Article(0, c.language(), c.title(), c.body(), c.tags(), ArticleStatus.DRAFT, now, now, null,
                user, 0);
        long id = articles.insert(draft);
        Article stored = new Article(id, c.language(), c.title(), c.body(), c.tags(), ArticleStatus.DRAFT, now, now,
                null, user, 0);
        events.publishEvent(new ArticleSaved(stored));
        return stored;
    }

    /** Replaces an article's content if it is still at {@code version}; its status stays. */
    public Article update(long id, int version, ArticleContent content, @Nullable String user) {
        Checked c = check(content);
        Article current = get(id);
        Article changed = new Article(id, c.language(), c.title(), c.body(), c.tags(), current.status(),
                current.createdAt(), now(), current.publishedAt(), user, version);
        return write(changed, version);
    }

    /** Makes an article visible to customers and the bot; a published article stays as it is. */
    public Article publish(long id, @Nullable Integer version, @Nullable String user) {
        return changeStatus(id, version, ArticleStatus.PUBLISHED, user);
    }

    /** Takes an article back to draft; a draft stays as it is. */
    public Article unpublish(long id, @Nullable Integer version, @Nullable String user) {
        return changeStatus(id, version, ArticleStatus.DRAFT, user);
    }

    /** Deletes an article (if at {@code version}, when given). */
    public void delete(long id, @Nullable Integer version) {
        Article current = get(id);
        if (version != null && version != current.version()) {
            throw new ArticleVersionConflictException(id, version);
        }
        if (!articles.delete(id)) {
            throw new ArticleNotFoundException(id);
        }
        events.publishEvent(new ArticleDeleted(id, current.title()));
    }

    @Transactional(readOnly = true)
    public Article get(long id) {
        return articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
    }

    /** Articles by status, language and tag (each optional), most recently changed first. */
    @Transactional(readOnly = true)
    public ArticlePage list(@Nullable String status, @Nullable String language, @Nullable String tag, int page,
            int size) {
        if (page < 0 || page > MAX_PAGE) {
            throw new InvalidArticleException("page must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidArticleException("size must be between 1 and " + MAX_PAGE_SIZE);
        }
        ArticleRepository.Page found = articles.page(statusFilter(status, null), languageFilter(language),
                blankToNull(tag) == null ? null : KnowledgeIndex.normalizeTag(tag), page * size, size);
        return new ArticlePage(found.articles(), page, size, found.total());
    }

    /** The article's body as HTML that is safe to show. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public String toSafeHtml(String markdownSource) {
        return markdown.toSafeHtml(markdownSource);
    }

    // ---- search

    /**
     * Searches articles and logs the query. Without a language, both languages' articles are
     * searched, each with its own analysis.
     *
     * @param status "PUBLISHED" (default), "DRAFT" or "ANY"
     */
    public SearchResults search(String query, @Nullable String language, @Nullable String status,
            @Nullable String tag, int limit, QuerySource source) {
        if (limit < 1 || limit > MAX_SEARCH_LIMIT) {
            throw new InvalidArticleException("limit must be between 1 and " + MAX_SEARCH_LIMIT);
        }
        String text = query == null ? "" : query.strip();
        if (text.isEmpty()) {
            throw new InvalidArticleException("q must not be blank");
        }
        Set<Language> languages = Optional.ofNullable(languageFilter(language)).map(Set::of)
                .orElse(EnumSet.allOf(Language.class));
        KnowledgeIndex.Results results = index.search(new KnowledgeIndex.Search(text, languages,
                statusFilter(status, ArticleStatus.PUBLISHED), blankToNull(tag), limit, true));
        Language logged = languages.size() == 1 ? languages.iterator().next() : Language.detect(text);
        log(text, logged, results.total(), source);
        List<SearchHit> hits = results.hits().stream()
                .map(h -> new SearchHit(h.id(), h.title(), h.snippet(), AnswerConfidence.strength(h.score(),
                        results.unit()), h.tags(), h.language().code(), h.status()))
                .toList();
        return new SearchResults(text, results.total(), hits);
    }

    /**
     * The most frequent normalised queries of the last {@code days} days, most frequent first;
     * of one language, or of both merged.
     */
    @Transactional(readOnly = true)
    public List<HotQuery> hot(int days, @Nullable String language, int limit) {
        if (days < 1 || days > MAX_HOT_DAYS) {
            throw new InvalidArticleException("days must be between 1 and " + MAX_HOT_DAYS);
        }
        if (limit < 1 || limit > MAX_SEARCH_LIMIT) {
            throw new InvalidArticleException("limit must be between 1 and " + MAX_SEARCH_LIMIT);
        }
        Language only = languageFilter(language);
        Instant since = now().minus(Duration.ofDays(days));
        List<QueryLog.Count> counts = new ArrayList<>();
        for (Language l : only == null ? EnumSet.allOf(Language.class) : EnumSet.of(only)) {
            counts.addAll(queries.hot(l, since, limit));
        }
        return counts.stream()
                .sorted(Comparator.comparingLong(QueryLog.Count::count).reversed()
                        .thenComparing(QueryLog.Count::query))
                .limit(limit)
                .map(c -> new HotQuery(c.query(), c.language().code(), c.count()))
                .toList();
    }

    /**
     * Completions of what someone is typing: logged queries that found articles and start with
     * the prefix, most frequent first, then titles of published articles containing it. Without
     * a language, the prefix's own script decides.
     */
    @Transactional(readOnly = true)
    public List<Suggestion> suggest(String prefix, @Nullable String language, int limit) {
        if (limit < 1 || limit > MAX_SUGGESTIONS) {
            throw new InvalidArticleException("limit must be between 1 and " + MAX_SUGGESTIONS);
        }
        String normalized = QueryText.normalize(prefix);
        if (normalized.isEmpty()) {
            return List.of();
        }
        Language lang = parseLanguage(language).orElseGet(() -> Language.detect(normalized));
        Map<String, Suggestion> out = new LinkedHashMap<>();
        for (QueryLog.Count c : queries.completions(normalized, lang, limit)) {
            out.putIfAbsent(c.query(), new Suggestion(c.query(), Suggestion.Kind.QUERY, null, c.count()));
        }
        for (KnowledgeIndex.Entry e : index.titlesMatching(normalized, lang, ArticleStatus.PUBLISHED, limit)) {
            out.putIfAbsent(e.normalizedTitle(),
                    new Suggestion(e.title(), Suggestion.Kind.ARTICLE, e.id(), null));
        }
        return out.values().stream().limit(limit).toList();
    }

    // ---- answers for the bot and the workspace

    /**
     * The published article that answers a customer's question, when the knowledge base is
     * confident enough for the bot to send it: its {@link KnowledgeAnswer#score() score} reaches
     * {@code kefu.knowledge.bot-threshold}. Logs the question with source BOT.
     *
     * @param text     the customer's message
     * @param language "zh" or "en", or null to tell from the text
     */
    public Optional<KnowledgeAnswer> bestAnswer(String text, @Nullable String language) {
        String question = text == null ? "" : text.strip();
        if (question.isEmpty()) {
            return Optional.empty();
        }
        Language lang = Language.resolve(language, question);
        KnowledgeIndex.Results results = index.search(new KnowledgeIndex.Search(question, Set.of(lang),
                ArticleStatus.PUBLISHED, null, 2, false));
        log(question, lang, results.total(), QuerySource.BOT);
        return KnowledgeIndex.answers(results, 1).stream()
                .filter(a -> a.score() >= properties.botThreshold())
                .findFirst();
    }

    /**
     * The published articles that best match a text, best first, whatever their confidence; for
     * showing beside a ticket. Not logged: nobody asked.
     *
     * @param language "zh" or "en", or null to tell from the text
     */
    // the index alone: no database connection for the ticket page's side panel
    @Transactional(propagation = Propagation.SUPPORTS)
    public List<KnowledgeAnswer> related(String text, @Nullable String language, int limit) {
        String question = text == null ? "" : text.strip();
        if (question.isEmpty() || limit < 1) {
            return List.of();
        }
        return index.answers(question, Language.resolve(language, question), Math.min(limit,
                MAX_SEARCH_LIMIT));
    }

    /** The confidence from which {@link #bestAnswer} answers. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public double botThreshold() {
        return properties.botThreshold();
    }

    // ---- helpers

    private Article changeStatus(long id, @Nullable Integer version, ArticleStatus status, @Nullable String user) {
        Article current = get(id);
        int expected = version == null ? current.version() : version;
        if (expected != current.version()) {
            throw new ArticleVersionConflictException(id, expected);
        }
        if (current.status() == status) {
            return current;
        }
        Instant now = now();
        Article changed = new Article(id, current.language(), current.title(), current.body(), current.tags(), status,
                current.createdAt(), now, status == ArticleStatus.PUBLISHED ? now : current.publishedAt(), user,
                expected);
        Article written = write(changed, expected);
        events.publishEvent(status == ArticleStatus.PUBLISHED ? new ArticlePublished(id, written.title())
                : new ArticleUnpublished(id, written.title()));
        return written;
    }

    private Article write(Article changed, int expected) {
        if (!articles.update(changed, expected)) {
            get(changed.id());
            throw new ArticleVersionConflictException(changed.id(), expected);
        }
        Article stored = new Article(changed.id(), changed.language(), changed.title(), changed.body(), changed.tags(),
                changed.status(), changed.createdAt(), changed.updatedAt(), changed.publishedAt(), changed.updatedBy(),
                expected + 1);
        events.publishEvent(new ArticleSaved(stored));
        return stored;
    }

    private void log(String text, Language language, long hits, QuerySource source) {
        String normalized = QueryText.normalize(text);
        if (!normalized.isEmpty()) {
            queries.record(text, normalized, language, hits, source, now());
        }
    }

    /** The content as it will be stored, or the first reason it cannot be. */
    private Checked check(ArticleContent content) {
        Language language = Language.parse(content.language()).orElseThrow(() ->
                new InvalidArticleException(content.language() == null || content.language().isBlank()
                        ? "language is required: 'zh' or 'en'"
                        : "language must be 'zh' or 'en', not '" + content.language() + "'"));
        String title = content.title() == null ? "" : content.title().strip().replaceAll("\\s+", " ");
        if (title.isEmpty()) {
            throw new InvalidArticleException("title must not be blank");
        }
        if (title.length() > properties.maxTitleLength()) {
            throw new InvalidArticleException("title has " + title.length() + " characters; at most "
                    + properties.maxTitleLength() + " are allowed");
        }
        String body = content.body() == null ? "" : content.body().strip();
        if (body.isEmpty()) {
            throw new InvalidArticleException("body must not be blank");
        }
        if (body.length() > properties.maxBodyLength()) {
            throw new InvalidArticleException("body has " + body.length() + " characters; at most "
                    + properties.maxBodyLength() + " are allowed");
        }
        Set<String> tags = new TreeSet<>();
        for (String tag : content.tags() == null ? List.<String>of() : content.tags()) {
            String t = tag == null ? "" : KnowledgeIndex.normalizeTag(tag).replaceAll("\\s+", " ");
            if (t.isEmpty()) {
                continue;
            }
            if (t.length() > MAX_TAG_LENGTH) {
                throw new InvalidArticleException("tag '" + t.substring(0, 20) + "…' is longer than "
                        + MAX_TAG_LENGTH + " characters");
            }
            tags.add(t);
        }
        if (tags.size() > properties.maxTags()) {
            throw new InvalidArticleException("at most " + properties.maxTags() + " tags are allowed");
        }
        return new Checked(language, title, body, List.copyOf(tags));
    }

    private record Checked(Language language, String title, String body, List<String> tags) {
    }

    private static Optional<Language> parseLanguage(@Nullable String language) {
        if (blankToNull(language) == null) {
            return Optional.empty();
        }
        return Optional.of(Language.parse(language).orElseThrow(() ->
                new InvalidArticleException("lang must be 'zh' or 'en', not '" + language + "'")));
    }

    @Nullable
    private static Language languageFilter(@Nullable String language) {
        return parseLanguage(language).orElse(null);
    }

    /** A status filter: blank gives the fallback, "ANY" (or "ALL") no filter. */
    @Nullable
    private static ArticleStatus statusFilter(@Nullable String status, @Nullable ArticleStatus fallback) {
        if (blankToNull(status) == null) {
            return fallback;
        }
        String s = status.strip().toUpperCase(Locale.ROOT);
        if (s.equals("ANY") || s.equals("ALL")) {
            return null;
        }
        try {
            return ArticleStatus.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new InvalidArticleException("status must be DRAFT, PUBLISHED or ANY, not '" + status + "'");
        }
    }

    @Nullable
    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Millisecond precision: what both databases store, so a re-read article equals the written one. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
