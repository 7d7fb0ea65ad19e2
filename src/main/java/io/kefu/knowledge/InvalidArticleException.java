package io.kefu.knowledge;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** An article or a knowledge-base request that cannot be accepted as given (400), saying why. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidArticleException extends RuntimeException {

    public InvalidArticleException(String message) {
        super(message);
    }
}
