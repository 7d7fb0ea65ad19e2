package io.kefu.customer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;

/**
 * A customer's {@code externalId}: 1 to 128 characters, ASCII letters, digits and {@code . _ : @ + -},
 * starting with a letter or digit. It appears in URLs (<code>/api/customers/{externalId}</code>), CRM
 * payloads and logs, so it carries no whitespace, control characters, quotes or URL delimiters
 * ({@code % ? # /}), and no {@code .} or {@code ..} path segment. Covers e-mail-like ids
 * ({@code wang+shop@example.com}), URNs ({@code crm:4711}) and the usual {@code c-1001}.
 */
@Documented
@NotNull
@jakarta.validation.constraints.Pattern(regexp = ExternalId.REGEX)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface ExternalId {

    String REGEX = "[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}";

    /** The same rule as a compiled pattern, for code outside Bean Validation. */
    Pattern PATTERN = Pattern.compile(REGEX);

    /** What a client is told when an id breaks the rule. */
    String RULE = "must be 1 to 128 characters of A-Z a-z 0-9 . _ : @ + -, starting with a letter or digit";

    String message() default RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
