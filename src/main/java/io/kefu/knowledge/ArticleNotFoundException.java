package io.kefu.knowledge;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No article has the requested id (the API and pages answer 404). */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class ArticleNotFoundException extends RuntimeException {

    public ArticleNotFoundException(long articleId) {
        super("Article " + articleId + " does not exist");
    }
}
