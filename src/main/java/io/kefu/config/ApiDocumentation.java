package io.kefu.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of {@code /api/**} ({@code /v3/api-docs}, read in Swagger UI at
 * {@code /swagger-ui/index.html}): Kefu's title, version and description, the two ways to sign in
 * (an API token as a bearer token, or a staff login over HTTP Basic), and one tag per feature module,
 * each operation filed under the module whose controller serves it. Summaries and descriptions come
 * from the controllers' Javadoc (stored at build time by the therapi scribe).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String TOKEN = "apiToken";
    static final String BASIC = "staffLogin";

    /** The feature modules that serve /api, in the order a reader meets them, with what each offers. */
    static final Map<String, String> MODULES = modules();

    private static Map<String, String> modules() {
        Map<String, String> modules = new java.util.LinkedHashMap<>();
        modules.put("intake", "Customer messages from apps and back-office systems (the REST channel): each one joins its "
                + "customer's open conversation or opens a ticket whose lifecycle runs in the process engine.");
        modules.put("ticket", "Tickets: the list and the changed-since feed, one ticket with its transcript, and the agent's "
                + "actions (claim, reply, note, transfer, priority, wait for the customer, merge, link, resolve).");
        modules.put("customer", "Customers and their tier.");
        modules.put("chat", "Web chat: visitors, their tokens, and files sent in a conversation.");
        modules.put("workspace", "The agent's workspace: task lists and canned responses.");
        modules.put("agent", "Agents as a resource: skills, languages, capacity, presence.");
        modules.put("sla", "SLA clocks and escalations.");
        modules.put("routing", "Routing rules: reload, versions and rollback, checking and replaying a draft.");
        modules.put("lifecycle", "The processes every ticket's lifecycle runs: a BPMN model checked before it is deployed.");
        modules.put("triage", "Intent and sentiment of a text (Chinese and English), and the models behind them.");
        modules.put("knowledge", "The knowledge base: articles, search, suggestions.");
        modules.put("bots", "RPA bots on external tasks: topics, tasks, workers, failures.");
        modules.put("sync", "Sync with CRM and ERP systems: inbound events, dead letters, backfill.");
        modules.put("channel", "Platform callbacks (WeChat and others), each checked by the platform's signature.");
        modules.put("security", "API tokens and the audit log (admins).");
        return java.util.Collections.unmodifiableMap(modules);
    }

    @Bean
    OpenAPI kefuOpenApi(@Value("${kefu.version:0.1.0-SNAPSHOT}") String version) {
        return new OpenAPI()
                .info(new Info().title("Kefu API").version(version)
                        .description("""
                                The API of Kefu, the workflow and RPA ticket engine for customer service. Customers' \
                                messages come in (`POST /api/messages`), every conversation becomes a ticket whose \
                                lifecycle is a BPMN process, rules route it, and agents, supervisors, designers and \
                                back-office systems work it through these calls.

                                **Signing in**: back-office systems send an API token (`Authorization: Bearer kefu_…`, \
                                created by an admin at `/admin/tokens`, each with its scopes); staff may use their \
                                login over HTTP Basic. The API keeps no session: signing in to Kefu's pages does not \
                                sign in these calls, so choose *Authorize* first to try one here.

                                **Errors** are RFC 9457 problem JSON (`application/problem+json`) whose `detail` says \
                                what to fix; too many calls answer 429 with `Retry-After`.""")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("Kefu API token")
                                .description("An API token with the scopes the call needs (created at /admin/tokens)."))
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A staff login (agent, supervisor, designer or admin).")))
                .addSecurityItem(new SecurityRequirement().addList(TOKEN))
                .addSecurityItem(new SecurityRequirement().addList(BASIC));
    }

    /** Each operation under its module's tag; one without a summary gets its method's name in words. */
    @Bean
    OperationCustomizer moduleTags() {
        return (operation, handler) -> {
            String module = module(handler.getBeanType().getPackageName());
            operation.setTags(new java.util.ArrayList<>(java.util.List.of(module)));
            String javadoc = operation.getDescription();
            if (javadoc != null && !javadoc.isBlank()) {
                String description = readable(javadoc);
                operation.setDescription(description);
                operation.setSummary(firstSentence(description.replaceAll("<[^>]+>", "")));
            } else if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                operation.setSummary(words(handler.getMethod().getName()));
            }
            return operation;
        };
    }

    /** The tags in the modules' order, each with its description. */
    @Bean
    OpenApiCustomizer moduleTagDescriptions() {
        return api -> {
            Map<String, Tag> used = new TreeMap<>();
            api.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                    operation.getTags().forEach(tag -> used.put(tag, new Tag().name(tag).description(MODULES.get(tag))))));
            java.util.List<Tag> tags = new java.util.ArrayList<>();
            MODULES.keySet().stream().filter(used::containsKey).forEach(name -> tags.add(used.remove(name)));
            tags.addAll(used.values());
            api.setTags(tags);
            if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
                api.getComponents().getSchemas().values().forEach(ApiDocumentation::readableSchema);
            }
        };
    }

    @SuppressWarnings("rawtypes")
    private static void readableSchema(io.swagger.v3.oas.models.media.Schema schema) {
        if (schema.getDescription() != null) {
            schema.setDescription(readable(schema.getDescription()));
        }
        if (schema.getProperties() != null) {
            for (Object property : schema.getProperties().values()) {
                readableSchema((io.swagger.v3.oas.models.media.Schema) property);
            }
        }
    }

    /** {@code io.kefu.ticket} and {@code io.kefu.security.token} to their module: {@code ticket}, {@code security}. */
    static String module(String packageName) {
        String rest = packageName.startsWith("io.kefu.") ? packageName.substring("io.kefu.".length()) : packageName;
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Javadoc as a reader wants it: one paragraph per blank line, {@code {@link A#b text}} as its text. */
    static String readable(String javadoc) {
        String linked = javadoc.replaceAll("\\{@link(?:plain)?\\s+[^}\\s]+\\s+([^}]+)}", "$1")
                .replaceAll("\\{@link(?:plain)?\\s+(?:[\\w.]*#)?([^}\\s]+)}", "$1");
        // the scribe ends <code>{a, b}</code> at the first closing brace: "<code>{a, b</code>}", and
        // <code>/tickets/{id}/messages</code> as "<code>/tickets/{id</code>/messages}"
        linked = linked.replaceAll("<code>([^<]*\\{[^<}]*)</code>([^<\\s}]*)}", "<code>$1}$2</code>");
        return linked.replaceAll("[ \\t]*\\R[ \\t]*(?!\\R)", " ").replaceAll(" {2,}", " ").strip();
    }

    /** A full stop, semicolon or colon that ends a sentence ("e.g." and "i.e." do not). */
    private static final java.util.regex.Pattern SENTENCE_END = java.util.regex.Pattern.compile("(?<!\\be\\.g|\\bi\\.e)[.;:](\\s|$)");

    /** Up to the first full stop that ends a sentence, or the whole text. */
    static String firstSentence(String text) {
        java.util.regex.Matcher end = SENTENCE_END.matcher(text);
        String sentence = end.find() ? text.substring(0, end.start()) : text;
        return sentence.strip();
    }

    /** {@code listTickets} to "List tickets". */
    static String words(String methodName) {
        String spaced = methodName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
