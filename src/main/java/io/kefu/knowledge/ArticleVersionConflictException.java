package io.kefu.knowledge;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Someone else changed the article since the caller read it (409): reload, then edit again. */
@ResponseStatus(HttpStatus.CONFLICT)
public class ArticleVersionConflictException extends RuntimeException {

    public ArticleVersionConflictException(long articleId, int expected) {
        super("Article " + articleId + " was changed by someone else since version " + expected
                + "; reload it and apply your change again");
    }
}
