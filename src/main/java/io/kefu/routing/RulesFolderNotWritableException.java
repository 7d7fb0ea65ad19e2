package io.kefu.routing;

import java.nio.file.Path;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The rules are read from the copy packed in the jar: there is no {@code rules/} folder to deploy a draft into (409). */
@ResponseStatus(HttpStatus.CONFLICT)
public class RulesFolderNotWritableException extends RuntimeException {

    public RulesFolderNotWritableException(Path folder) {
        super("There is no rules/ folder at " + folder + " to deploy into: the packed rules are in use");
    }
}
