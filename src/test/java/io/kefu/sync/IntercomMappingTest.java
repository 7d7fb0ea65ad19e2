package io.kefu.sync;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.kefu.sync.IntercomMapping.Action;
import io.kefu.testing.IntercomContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shipped mapping ({@code integrations/mappings/intercom.yaml}) on hand-built events, each request
 * body it builds checked against Intercom's OpenAPI description: the ticket's fields, state, tags and
 * assignee, the reply and note events ({@code message.sent}, {@code message.received},
 * {@code ticket.note_added}), and a mapping file with a mistake refused with its place named.
 */
class IntercomMappingTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, List<String>> HEADERS = Map.of("Authorization", List.of("Bearer test-token"),
            "Intercom-Version", List.of("2.14"), "Content-Type", List.of("application/json; charset=UTF-8"),
            "Accept", List.of("application/json"));

    final IntercomMapping mapping = shipped();

    static IntercomMapping shipped() {
        try (InputStream in = Files.newInputStream(Path.of(IntercomMapping.FILE))) {
            return IntercomMapping.read(in, IntercomMapping.FILE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ObjectNode event(String type, String ticket) throws IOException {
        ObjectNode event = JSON.createObjectNode().put("eventId", 41).put("type", type)
                .put("occurredAt", "2026-12-03T08:00:00.123Z");
        event.set("ticket", JSON.readTree(ticket));
        return event;
    }

    static final String ROUTED = """
            {"id": 7, "status": "QUEUED", "queue": "billing_team", "priority": "HIGH", "topic": "BILLING",
             "channel": "WEB", "customerExternalId": "c-7", "customerTier": "VIP", "assignee": null,
             "createdAt": "2026-12-03T07:59:58.500Z", "updatedAt": "2026-12-03T08:00:00.100Z"}""";

    @Test
    void aCreateCarriesTheMappedTitleDescriptionKefuIdAndTheContact() throws IOException {
        ObjectNode body = mapping.createTicket(event("ticket.routed", ROUTED), "88", "6762f2d81bb69f9f2193bc54");

        assertThat(body.get("ticket_type_id").asText()).isEqualTo("88");
        assertThat(body.get("contacts").toString()).isEqualTo("[{\"id\":\"6762f2d81bb69f9f2193bc54\"}]");
        JsonNode attributes = body.get("ticket_attributes");
        assertThat(attributes.get("_default_title_").asText()).isEqualTo("Kefu #7 BILLING");
        assertThat(attributes.get("_default_description_").asText())
                .isEqualTo("Kefu ticket #7 from c-7 (VIP) by WEB, opened 2026-12-03T07:59:58.500Z");
        assertThat(attributes.get("kefu_queue").asText()).isEqualTo("billing_team");
        assertThat(attributes.get("kefu_assignee").asText()).as("nobody yet").isEmpty();
        assertThat(attributes.get("kefu_ticket_id").asText()).as("what a lost create is found by").isEqualTo("7");
        assertThat(body.get("created_at").asLong()).isEqualTo(java.time.Instant.parse("2026-12-03T07:59:58Z").getEpochSecond());
        assertThat(body.get("skip_notifications").asBoolean()).isTrue();
        assertThat(contract().checkRequest("POST", "/tickets", HEADERS, body.toString())).isEmpty();
    }

    @Test
    void aTicketJustOpenedHasATitleWithoutTheTopicItHasNotGotYet() throws IOException {
        ObjectNode body = mapping.createTicket(event("ticket.opened", """
                {"id": 8, "status": "NEW", "channel": "APP", "customerExternalId": "c-8", "customerTier": "STANDARD",
                 "createdAt": "2026-12-03T07:59:58Z"}"""), "88", "c");

        assertThat(body.get("ticket_attributes").get("_default_title_").asText()).isEqualTo("Kefu #8");
        assertThat(body.get("ticket_attributes").get("kefu_queue").asText()).isEmpty();
        assertThat(mapping.tags(event("ticket.opened", "{\"id\": 8, \"status\": \"NEW\"}")))
                .as("no priority, queue or topic yet: no tag").isEmpty();
    }

    @ParameterizedTest(name = "{0} is the state {1}, open {2}")
    @CsvSource({"NEW, submitted, true", "BOT_ANSWERED, waiting_on_customer, true", "QUEUED, submitted, true",
            "ASSIGNED, in_progress, true", "RESOLVED, resolved, true", "CLOSED, resolved, false"})
    void everyKefuStatusHasAnIntercomStateAndOnlyClosedClosesTheTicket(String status, String state, boolean open)
            throws IOException {
        ObjectNode body = mapping.updateTicket(event("ticket.routed", ROUTED.replace("QUEUED", status)), "8354", 991267943L);

        assertThat(mapping.stateFor(status)).isEqualTo(state);
        assertThat(body.get("ticket_state_id").asText()).isEqualTo("8354");
        assertThat(body.get("open").asBoolean()).isEqualTo(open);
        assertThat(body.get("admin_id").isIntegralNumber()).as("an integer in this request, unlike the others").isTrue();
        assertThat(body.has("assignee_id")).as("no assignee or team mapped: Intercom's assignment is left alone")
                .isFalse();
        assertThat(contract().checkRequest("PUT", "/tickets/626", HEADERS, body.toString())).isEmpty();
    }

    @Test
    void priorityQueueAndTopicBecomeTags() throws IOException {
        assertThat(mapping.tags(event("ticket.routed", ROUTED)))
                .containsExactly("kefu priority: HIGH", "kefu queue: billing_team", "kefu topic: BILLING");
    }

    @Test
    void anAgentsMessageBecomesTheAdminsCommentWithItsTextEscaped() throws IOException {
        ObjectNode event = event("message.sent", ROUTED);
        event.putObject("message").put("id", 90).put("conversationId", 3).put("direction", "out").put("author", "li.na")
                .put("channel", "WEB").put("text", "Refund <b>approved</b> & sent.\nAnything else?")
                .put("createdAt", "2026-12-03T08:01:00Z");

        ObjectNode body = mapping.reply(mapping.action("message.sent").orElseThrow(), event, "991267943", "contact-1")
                .orElseThrow();

        assertThat(body.get("message_type").asText()).isEqualTo("comment");
        assertThat(body.get("type").asText()).isEqualTo("admin");
        assertThat(body.get("admin_id").asText()).isEqualTo("991267943");
        assertThat(body.get("body").asText()).isEqualTo("Refund &lt;b&gt;approved&lt;/b&gt; &amp; sent.<br>Anything else?");
        assertThat(body.get("skip_notifications").asBoolean()).as("the customer got it on Kefu's channel").isTrue();
        assertThat(contract().checkRequest("POST", "/tickets/626/reply", HEADERS, body.toString())).isEmpty();
    }

    @Test
    void theCustomersMessageBecomesTheContactsComment() throws IOException {
        ObjectNode event = event("message.received", ROUTED);
        event.putObject("message").put("id", 91).put("direction", "in").put("author", "c-7").put("text", "还是不行");

        ObjectNode body = mapping.reply(Action.USER_REPLY, event, "991267943", "6762f2d81bb69f9f2193bc54").orElseThrow();

        assertThat(body.get("type").asText()).isEqualTo("user");
        assertThat(body.get("intercom_user_id").asText()).isEqualTo("6762f2d81bb69f9f2193bc54");
        assertThat(body.has("admin_id")).isFalse();
        assertThat(body.get("body").asText()).isEqualTo("还是不行");
        assertThat(mapping.action("message.received")).contains(Action.USER_REPLY);
        assertThat(contract().checkRequest("POST", "/tickets/626/reply", HEADERS, body.toString())).isEmpty();
    }

    @Test
    void anInternalNoteBecomesTheAdminsNoteNamingItsAuthor() throws IOException {
        ObjectNode event = event("ticket.note_added", ROUTED);
        event.putObject("note").put("id", 5).put("author", "zhang.wei").put("text", "Customer called, <urgent>")
                .put("createdAt", "2026-12-03T08:02:00Z");

        ObjectNode body = mapping.reply(mapping.action("ticket.note_added").orElseThrow(), event, "991267943", "c")
                .orElseThrow();

        assertThat(body.get("message_type").asText()).isEqualTo("note");
        assertThat(body.get("type").asText()).isEqualTo("admin");
        assertThat(body.get("body").asText())
                .isEqualTo("<p><b>zhang.wei</b> (Kefu note)</p><p>Customer called, &lt;urgent&gt;</p>");
        assertThat(contract().checkRequest("POST", "/tickets/626/reply", HEADERS, body.toString())).isEmpty();
    }

    @Test
    void aMessageWithoutTextIsNotMirrored() throws IOException {
        ObjectNode event = event("message.sent", ROUTED);
        event.putObject("message").put("id", 92).put("text", " ");

        assertThat(mapping.reply(Action.ADMIN_REPLY, event, "1", "c")).isEmpty();
    }

    @Test
    void eventTypesTheMappingDoesNotListAreLeftOut() {
        assertThat(mapping.action("ticket.sla_warning")).isEmpty();
        assertThat(mapping.action("ticket.customer_soothed")).isEmpty();
        assertThat(mapping.action("invoice.paid")).isEmpty();
        assertThat(mapping.action("ticket.closed")).contains(Action.SYNC);
    }

    @Test
    void theAssigneeIsTheAgentsAdminElseTheQueuesTeamElseNobody() throws IOException {
        IntercomMapping assigning = IntercomMapping.read(stream(shippedText().replace("assignees: {}",
                "assignees:\n  li.na: \"991267001\"").replace("teams: {}", "teams:\n  billing_team: \"8\"")), "test");

        assertThat(assigning.assignee(JSON.readTree("{\"assignee\": \"li.na\", \"queue\": \"billing_team\"}")))
                .contains("991267001");
        assertThat(assigning.assignee(JSON.readTree("{\"assignee\": \"emma\", \"queue\": \"billing_team\"}")))
                .contains("8");
        assertThat(assigning.assignee(JSON.readTree("{\"queue\": \"general_support\"}"))).contains("0");
        ObjectNode update = assigning.updateTicket(event("ticket.assigned", ROUTED.replace("\"assignee\": null",
                "\"assignee\": \"li.na\"")), "8354", 1L);
        assertThat(update.get("assignee_id").asText()).isEqualTo("991267001");
        assertThat(contract().checkRequest("PUT", "/tickets/626", HEADERS, update.toString())).isEmpty();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "\\ntags:|\\ntagz:|Unrecognized field \"tagz\"",
            "  ASSIGNED: in_progress|  ASIGNED: in_progress|states: 'ASIGNED' is no ticket status",
            "  CLOSED: resolved\\n|\\n|states: no Intercom state for status CLOSED",
            "ticket.closed: sync|ticket.closed: synch|events.ticket.closed: unknown action 'synch'",
            "\"{message.text}\"|\"{message-text}\"|bodies.admin-reply: {message-text} is not a field",
            "\"kefu topic: {ticket.topic}\"|\"kefu topic: {ticket_topic}\"|tags: {ticket_topic} names no part of the event",
            "  admin-note: |  sync: |bodies.sync: only replies and notes have a body",
            "kefu-id-attribute: kefu_ticket_id|kefu-id-attribute: kefu_queue|ticket.kefu-id-attribute: 'kefu_queue' must be"})
    void aMappingWithAMistakeIsRefusedWithItsPlaceNamed(String replaced, String with, String message) {
        String broken = shippedText().replaceFirst(java.util.regex.Pattern.quote(replaced.replace("\\n", "\n")),
                java.util.regex.Matcher.quoteReplacement(with.replace("\\n", "\n")));
        assertThat(broken).isNotEqualTo(shippedText());

        assertThatThrownBy(() -> IntercomMapping.read(stream(broken), "integrations/mappings/intercom.yaml"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("integrations/mappings/intercom.yaml: ").hasMessageContaining(message);
    }

    static String shippedText() {
        try {
            return Files.readString(Path.of(IntercomMapping.FILE));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    static IntercomContract contract() {
        return IntercomContract.get();
    }
}
