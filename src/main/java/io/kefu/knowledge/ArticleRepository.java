package io.kefu.knowledge;

import io.kefu.text.Language;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Stores articles in {@code kb_article} and their tags in {@code kb_article_tag}. */
@Repository
class ArticleRepository {

    private final JdbcClient jdbc;

    ArticleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A cheap summary that changes whenever any article is created, changed or deleted: every
     * change adds one to a version, every insert raises the highest id, every delete lowers the
     * count. Comparing it needs no clock, so nodes whose clocks disagree still notice each
     * other's writes.
     */
    record Fingerprint(long count, long maxId, long versionSum) {
    }

    /**
     * One page of articles.
     *
     * @param articles the page, newest change first
     * @param total    how many match the filter
     */
    record Page(List<Article> articles, long total) {
    }

    Fingerprint fingerprint() {
        return jdbc.sql("SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS max_id, COALESCE(SUM(version), 0) AS versions"
                        + " FROM kb_article")
                .query((rs, row) -> new Fingerprint(rs.getLong("n"), rs.getLong("max_id"), rs.getLong("versions")))
                .single();
    }

    /** Every article's version, by id. */
    Map<Long, Integer> versions() {
        Map<Long, Integer> versions = new HashMap<>();
        jdbc.sql("SELECT id, version FROM kb_article").query(rs -> {
            versions.put(rs.getLong("id"), rs.getInt("version"));
        });
        return versions;
    }

    Optional<Article> findById(long id) {
        return findAllById(List.of(id)).stream().findFirst();
    }

    List<Article> findAllById(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Article> articles = new ArrayList<>();
        // IN lists of at most 500 ids: some databases cap the number of bind parameters
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<Long> chunk = all.subList(from, Math.min(all.size(), from + 500));
            articles.addAll(withTags(jdbc.sql("SELECT * FROM kb_article WHERE id IN (:ids)")
                    .param("ids", chunk).query(this::row).list()));
        }
        return articles;
    }

    List<Article> findAll() {
        return withTags(jdbc.sql("SELECT * FROM kb_article ORDER BY id").query(this::row).list());
    }

    /** Articles matching every given filter (null = any), newest change first. */
    Page page(@Nullable ArticleStatus status, @Nullable Language language, @Nullable String tag, int offset,
            int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            where.append(" AND a.status = :status");
            params.put("status", status.name());
        }
        if (language != null) {
            where.append(" AND a.language = :language");
            params.put("language", language.code());
        }
        if (tag != null) {
            where.append(" AND EXISTS (SELECT 1 FROM kb_article_tag t WHERE t.article_id = a.id AND t.tag = :tag)");
            params.put("tag", tag);
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM kb_article a" + where).params(params).query(Long.class).single();
        params.put("limit", size);
        params.put("offset", offset);
        List<Article> articles = withTags(jdbc.sql("SELECT a.* FROM kb_article a" + where
                        + " ORDER BY a.updated_at DESC, a.id DESC LIMIT :limit OFFSET :offset")
                .params(params).query(this::row).list());
        return new Page(articles, total);
    }

    long insert(Article article) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO kb_article (language, title, body, status, created_at, updated_at, published_at,
                                        updated_by, version)
                VALUES (:language, :title, :body, :status, :createdAt, :updatedAt, :publishedAt, :updatedBy, 0)
                """)
                .param("language", article.language().code())
                .param("title", article.title())
                .param("body", article.body())
                .param("status", article.status().name())
                .param("createdAt", ts(article.createdAt()))
                .param("updatedAt", ts(article.updatedAt()))
                .param("publishedAt", ts(article.publishedAt()))
                .param("updatedBy", article.updatedBy())
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        insertTags(id, article.tags());
        return id;
    }

    /**
     * Writes the article's content and status if its stored version is still {@code expected};
     * returns whether it was.
     */
    boolean update(Article article, int expected) {
        int rows = jdbc.sql("""
                UPDATE kb_article SET language = :language, title = :title, body = :body, status = :status,
                       updated_at = :updatedAt, published_at = :publishedAt, updated_by = :updatedBy,
                       version = version + 1
                 WHERE id = :id AND version = :version
                """)
                .param("language", article.language().code())
                .param("title", article.title())
                .param("body", article.body())
                .param("status", article.status().name())
                .param("updatedAt", ts(article.updatedAt()))
                .param("publishedAt", ts(article.publishedAt()))
                .param("updatedBy", article.updatedBy())
                .param("id", article.id())
                .param("version", expected)
                .update();
        if (rows != 1) {
            return false;
        }
        jdbc.sql("DELETE FROM kb_article_tag WHERE article_id = ?").param(article.id()).update();
        insertTags(article.id(), article.tags());
        return true;
    }

    boolean delete(long id) {
        jdbc.sql("DELETE FROM kb_article_tag WHERE article_id = ?").param(id).update();
        return jdbc.sql("DELETE FROM kb_article WHERE id = ?").param(id).update() == 1;
    }

    private void insertTags(long id, List<String> tags) {
        for (String tag : tags) {
            jdbc.sql("INSERT INTO kb_article_tag (article_id, tag) VALUES (?, ?)").params(id, tag).update();
        }
    }

    /** Fills in the tags of loaded articles with one query. */
    private List<Article> withTags(List<Article> articles) {
        if (articles.isEmpty()) {
            return articles;
        }
        Map<Long, List<String>> tags = new HashMap<>();
        jdbc.sql("SELECT article_id, tag FROM kb_article_tag WHERE article_id IN (:ids) ORDER BY tag")
                .param("ids", articles.stream().map(Article::id).toList())
                .query(rs -> {
                    tags.computeIfAbsent(rs.getLong("article_id"), k -> new ArrayList<>()).add(rs.getString("tag"));
                });
        return articles.stream()
                .map(a -> new Article(a.id(), a.language(), a.title(), a.body(), tags.getOrDefault(a.id(), List.of()),
                        a.status(), a.createdAt(), a.updatedAt(), a.publishedAt(), a.updatedBy(), a.version()))
                .toList();
    }

    private Article row(ResultSet rs, int row) throws SQLException {
        return new Article(rs.getLong("id"), Language.parse(rs.getString("language")).orElseThrow(),
                rs.getString("title"), rs.getString("body"), List.of(), ArticleStatus.valueOf(rs.getString("status")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("published_at")), rs.getString("updated_by"), rs.getInt("version"));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
