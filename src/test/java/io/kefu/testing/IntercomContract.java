package io.kefu.testing;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Body;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import org.junit.jupiter.api.Assumptions;

/**
 * Intercom's official OpenAPI description (API 2.14), read from {@code shared/contracts/} beside the
 * project, never copied into it. Found by {@code -Dkefu.contracts.dir} or {@code KEFU_CONTRACTS_DIR},
 * else in {@code shared/contracts} of the project folder or of any folder above it (the project folder
 * being where the tests run and where their classes were compiled). When it is missing, a test that
 * needs it is skipped on a developer's machine and fails under {@code CI=true}: the contract test can
 * never pass silently without its contract.
 */
public final class IntercomContract {

    public static final String FILE = "intercom-api-2.14.yaml";

    private static volatile IntercomContract loaded;

    private final Path file;
    private final JsonNode spec;
    private final OpenApiInteractionValidator validator;

    private IntercomContract(Path file) {
        this.file = file;
        this.spec = amended(file);
        // The whole description is parsed once per JVM (it is 880 KB): every test shares it.
        // Intercom's schemas do not forbid unknown properties, and the validator's own strict mode
        // misreads allOf/oneOf bodies (its FAQ): fields are checked by undeclaredFields instead.
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString())
                .withLevelResolver(LevelResolver.create().withLevel("validation.schema.additionalProperties",
                        ValidationReport.Level.IGNORE).build())
                .withCustomRequestValidation(IntercomContract::bearerToken)
                .withCustomRequestValidation(this::undeclaredFields)
                .build();
        // The first check builds the schema validators (a second or more): done now, so that the first
        // request of a test is not answered slower than Kefu's timeout.
        checkRequest("POST", "/tickets/search", Map.of("Authorization", List.of("Bearer warm-up")),
                "{\"query\": {\"field\": \"id\", \"operator\": \"=\", \"value\": \"1\"}}");
        checkResponse("POST", "/tickets/search", 200, "application/json", "{\"type\": \"ticket.list\", \"tickets\": []}");
    }

    /**
     * The description requires {@code bearerAuth} of every operation through its root
     * {@code security}, which the validator only reads per operation: checked here.
     */
    private static ValidationReport bearerToken(Request request, ApiOperation operation) {
        String authorization = request.getHeaderValue("Authorization").orElse("");
        if (authorization.matches("Bearer \\S+")) {
            return ValidationReport.empty();
        }
        return ValidationReport.singleton(ValidationReport.Message.create("validation.request.security.missing",
                operation.getMethod() + " " + operation.getApiPath().original()
                        + " requires bearerAuth (Authorization: Bearer <token>); got '" + authorization + "'").build());
    }

    /**
     * A top-level body field that the operation's schema declares nowhere (in its properties or
     * those of any allOf/oneOf/anyOf member): a misspelt field Intercom would silently ignore.
     */
    private ValidationReport undeclaredFields(Request request, ApiOperation operation) {
        JsonNode schema = spec.path("paths").path(operation.getApiPath().original())
                .path(operation.getMethod().name().toLowerCase(java.util.Locale.ROOT)).path("requestBody")
                .path("content").path("application/json").path("schema");
        if (schema.isMissingNode() || request.getRequestBody().filter(Body::hasBody).isEmpty()) {
            return ValidationReport.empty();
        }
        java.util.Set<String> declared = new java.util.TreeSet<>();
        if (!collectProperties(schema, declared, 0)) {
            return ValidationReport.empty();
        }
        JsonNode body;
        try {
            body = request.getRequestBody().get().toJsonNode();
        } catch (java.io.IOException e) {
            return ValidationReport.empty(); // not JSON: the schema validation reports it
        }
        List<ValidationReport.Message> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(field -> {
            if (!declared.contains(field)) {
                unknown.add(ValidationReport.Message.create("validation.request.body.undeclaredField", "Field '"
                        + field + "' is declared nowhere in the request schema of " + operation.getMethod() + " "
                        + operation.getApiPath().original() + " (declared: " + declared + ")").build());
            }
        });
        return ValidationReport.from(unknown);
    }

    /** Adds every declared property name; false when the schema allows any (additionalProperties). */
    private boolean collectProperties(JsonNode schema, java.util.Set<String> into, int depth) {
        if (depth > 10) {
            return true;
        }
        if (schema.has("$ref")) {
            return collectProperties(spec.at(schema.get("$ref").asText().substring(1)), into, depth + 1);
        }
        if (schema.has("additionalProperties") && !schema.get("additionalProperties").isBoolean()) {
            return false;
        }
        schema.path("properties").fieldNames().forEachRemaining(into::add);
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            for (JsonNode member : schema.path(combinator)) {
                if (!collectProperties(member, into, depth + 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The description with the two kinds of defect swagger-parser reports in Intercom's file amended
     * in memory: an array schema without {@code items} (the values of the ticket attribute maps) gets
     * {@code items: {}}, i.e. items of any type, as the authors meant; a path parameter an operation
     * uses but does not declare ({@code job_identifier} of the reporting exports) is declared as a
     * required string. Any other defect still fails loading, so a broken contract cannot pass.
     */
    static JsonNode amended(Path file) {
        try {
            JsonNode spec = new YAMLMapper().readTree(file.toFile());
            giveItemsToArrays(spec);
            spec.path("paths").properties().forEach(path -> declarePathParameters(path.getKey(), path.getValue()));
            return spec;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static void giveItemsToArrays(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if ("array".equals(object.path("type").asText(null)) && !object.has("items")
                    && !object.has("in") && !object.has("summary")) {
                object.putObject("items");
            }
            object.forEach(IntercomContract::giveItemsToArrays);
        } else if (node instanceof ArrayNode array) {
            array.forEach(IntercomContract::giveItemsToArrays);
        }
    }

    private static void declarePathParameters(String path, JsonNode item) {
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        List<String> used = new ArrayList<>();
        while (names.find()) {
            used.add(names.group(1));
        }
        for (String method : List.of("get", "put", "post", "delete", "patch")) {
            if (!(item.get(method) instanceof ObjectNode operation)) {
                continue;
            }
            for (String name : used) {
                if (!declares(item.path("parameters"), name) && !declares(operation.path("parameters"), name)) {
                    ArrayNode parameters = operation.has("parameters") ? (ArrayNode) operation.get("parameters")
                            : operation.putArray("parameters");
                    ObjectNode parameter = parameters.addObject().put("name", name).put("in", "path").put("required", true);
                    parameter.putObject("schema").put("type", "string");
                }
            }
        }
    }

    private static boolean declares(JsonNode parameters, String name) {
        for (JsonNode parameter : parameters) {
            if (name.equals(parameter.path("name").asText()) && "path".equals(parameter.path("in").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The contract, or the test is skipped (failed under {@code CI=true}) when it cannot be found. */
    public static IntercomContract get() {
        IntercomContract contract = loaded;
        if (contract != null) {
            return contract;
        }
        synchronized (IntercomContract.class) {
            if (loaded == null) {
                loaded = new IntercomContract(require(locate(), "true".equalsIgnoreCase(System.getenv("CI"))));
            }
            return loaded;
        }
    }

    /** The file; when it was not found, the test is skipped, or fails when {@code ci} (CI=true). */
    public static Path require(Optional<Path> file, boolean ci) {
        if (file.isPresent()) {
            return file.get();
        }
        String message = "Intercom's OpenAPI description " + FILE + " not found in shared/contracts beside the "
                + "project (looked from " + Path.of("").toAbsolutePath() + " up); set -Dkefu.contracts.dir";
        if (ci) {
            throw new IllegalStateException(message);
        }
        Assumptions.abort(message);
        throw new IllegalStateException(message);
    }

    /** Where the description is, if it can be found. */
    public static Optional<Path> locate() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("kefu.contracts.dir", System.getenv("KEFU_CONTRACTS_DIR"));
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured).resolve(FILE));
        }
        for (Path start : List.of(Path.of("").toAbsolutePath(), compiledFrom())) {
            for (Path folder = start; folder != null; folder = folder.getParent()) {
                candidates.add(folder.resolve("shared").resolve("contracts").resolve(FILE));
            }
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst().map(p -> p.toAbsolutePath().normalize());
    }

    private static Path compiledFrom() {
        try {
            return Path.of(IntercomContract.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    public Path file() {
        return file;
    }

    /**
     * Checks one request as Intercom would receive it: operation, path parameters, headers (including
     * the bearer token the description requires everywhere) and the JSON body against its schema and
     * for fields it declares nowhere. Returns the violations, one line each; empty when it is valid.
     * Kefu's calls carry no query string, so {@code path} has none.
     */
    public List<String> checkRequest(String method, String path, Map<String, List<String>> headers, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
        headers.forEach(request::withHeader);
        if (body != null && !body.isEmpty()) {
            request.withBody(body);
        }
        return messages(validator.validateRequest(request.build()));
    }

    /** Checks an answer against the response the description gives for that operation and status. */
    public List<String> checkResponse(String method, String path, int status, String contentType, String body) {
        SimpleResponse.Builder response = new SimpleResponse.Builder(status).withContentType(contentType);
        if (body != null) {
            response.withBody(body);
        }
        return messages(validator.validateResponse(path, Request.Method.valueOf(method), response.build()));
    }

    private static List<String> messages(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage()
                        + m.getNestedMessages().stream().map(n -> "\n    " + n.getMessage()).reduce("", String::concat))
                .toList();
    }
}
