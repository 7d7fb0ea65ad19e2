package io.kefu.knowledge;

import java.util.Arrays;
import java.util.List;

/**
 * The article form of the knowledge pages (a view model: the article itself is never bound to a
 * form). Tags are typed comma-separated; {@code version} is the one the editor started from.
 */
public class ArticleForm {

    private String language = "zh";
    private String title = "";
    private String body = "";
    private String tags = "";
    private Integer version;

    /** The form filled with an article, to edit it. */
    static ArticleForm of(Article article) {
        ArticleForm form = new ArticleForm();
        form.language = article.language().code();
        form.title = article.title();
        form.body = article.body();
        form.tags = String.join(", ", article.tags());
        form.version = article.version();
        return form;
    }

    ArticleContent content() {
        List<String> tagList = Arrays.stream((tags == null ? "" : tags).split("[,，]")).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        return new ArticleContent(language, title, body, tagList);
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }

    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public Integer getVersion() {
        return version;
    }

    public void setVersion(Integer version) {
        this.version = version;
    }
}
