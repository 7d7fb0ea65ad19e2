-- Knowledge base: articles (zh/en, Markdown), their tags, and the log of every query asked of it.
-- MEDIUMTEXT: a body may hold 100,000 characters, up to 400 KB in utf8mb4 (TEXT stops at 64 KB).
CREATE TABLE kb_article (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    language     VARCHAR(8)   NOT NULL,
    title        VARCHAR(200) NOT NULL,
    body         MEDIUMTEXT   NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    created_at   DATETIME(3)  NOT NULL,
    updated_at   DATETIME(3)  NOT NULL,
    published_at DATETIME(3),
    updated_by   VARCHAR(128),
    version      INT          NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_kb_article_status_lang ON kb_article (status, language, updated_at);

CREATE TABLE kb_article_tag (
    article_id BIGINT      NOT NULL,
    tag        VARCHAR(64) NOT NULL,
    CONSTRAINT pk_kb_article_tag PRIMARY KEY (article_id, tag),
    CONSTRAINT fk_kb_tag_article FOREIGN KEY (article_id) REFERENCES kb_article (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_kb_article_tag_tag ON kb_article_tag (tag, article_id);

-- One row per search, bot question or agent search; hot searches and suggestions are counted
-- from it. normalized_query is what is grouped and prefix-matched.
CREATE TABLE kb_query_log (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    query_text       VARCHAR(200) NOT NULL,
    normalized_query VARCHAR(200) NOT NULL,
    language         VARCHAR(8)   NOT NULL,
    hit_count        INT          NOT NULL,
    source           VARCHAR(16)  NOT NULL,
    created_at       DATETIME(3)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ix_kb_query_log_lang_at ON kb_query_log (language, created_at);
CREATE INDEX ix_kb_query_log_lang_query ON kb_query_log (language, normalized_query);
CREATE INDEX ix_kb_query_log_at ON kb_query_log (created_at);
