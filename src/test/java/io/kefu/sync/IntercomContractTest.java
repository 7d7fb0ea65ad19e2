package io.kefu.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import io.kefu.testing.IntercomContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The checker every request to the Intercom stand-in goes through can fail: Intercom's OpenAPI
 * description (read from {@code shared/contracts/} beside the project, never copied into it) reports
 * a missing required field, a wrong enum value or type, a field the schema does not declare, a
 * missing bearer token and a call Intercom does not have, and passes a request that is right.
 */
class IntercomContractTest {

    static final Map<String, List<String>> HEADERS = IntercomMappingTest.HEADERS;

    final IntercomContract contract = IntercomContract.get();

    @Test
    void theDescriptionIsIntercomsOwnFromSharedContracts() {
        assertThat(contract.file().toString()).endsWith("shared/contracts/intercom-api-2.14.yaml");
        assertThat(contract.file().startsWith(java.nio.file.Path.of("").toAbsolutePath())).as("not inside the project")
                .isFalse();
    }

    @Test
    void aMissingDescriptionFailsUnderCiAndIsSkippedOnlyOnADevelopersMachine() {
        assertThatThrownBy(() -> IntercomContract.require(Optional.empty(), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("intercom-api-2.14.yaml not found");
        assertThatThrownBy(() -> IntercomContract.require(Optional.empty(), false))
                .isInstanceOf(TestAbortedException.class);
        assertThat(IntercomContract.require(Optional.of(contract.file()), true)).isEqualTo(contract.file());
    }

    @Test
    void aRightRequestPasses() {
        assertThat(contract.checkRequest("POST", "/tickets", HEADERS, """
                {"ticket_type_id": "88", "contacts": [{"id": "6762f2d81bb69f9f2193bc54"}],
                 "ticket_attributes": {"_default_title_": "Kefu #7", "kefu_ticket_id": "7"}, "skip_notifications": true}
                """)).isEmpty();
    }

    @Test
    void aBodyMissingARequiredFieldIsReported() {
        assertThat(contract.checkRequest("POST", "/tickets", HEADERS, """
                {"ticket_type_id": "88", "ticket_attributes": {"_default_title_": "Kefu #7"}}"""))
                .anySatisfy(v -> assertThat(v).contains("missing required properties").contains("contacts"));
        assertThat(contract.checkRequest("POST", "/tickets/626/tags", HEADERS, "{\"id\": \"121\"}"))
                .anySatisfy(v -> assertThat(v).contains("admin_id"));
    }

    @Test
    void aWrongEnumValueOrTypeIsReported() {
        assertThat(contract.checkRequest("POST", "/tickets/626/reply", HEADERS, """
                {"message_type": "comment", "type": "robot", "admin_id": "1", "body": "hi"}"""))
                .anySatisfy(v -> assertThat(v).contains("robot"));
        assertThat(contract.checkRequest("PUT", "/tickets/626", HEADERS, "{\"admin_id\": \"991267943\"}"))
                .as("admin_id is an integer in this request").anySatisfy(v -> assertThat(v).contains("integer"));
    }

    @Test
    void aFieldTheSchemaDeclaresNowhereIsReported() {
        assertThat(contract.checkRequest("PUT", "/tickets/626", HEADERS, "{\"ticket_state\": \"8354\"}"))
                .anySatisfy(v -> assertThat(v).contains("'ticket_state' is declared nowhere"));
    }

    @Test
    void aRequestWithoutTheBearerTokenIsReported() {
        Map<String, List<String>> anonymous = new HashMap<>(HEADERS);
        anonymous.remove("Authorization");

        assertThat(contract.checkRequest("POST", "/tags", anonymous, "{\"name\": \"kefu priority: HIGH\"}"))
                .anySatisfy(v -> assertThat(v).contains("bearerAuth"));
    }

    @Test
    void aCallIntercomDoesNotHaveIsReported() {
        assertThat(contract.checkRequest("POST", "/tickets/626/close", HEADERS, "{}")).isNotEmpty();
        assertThat(contract.checkRequest("PATCH", "/tickets/626", HEADERS, "{}")).isNotEmpty();
    }

    @Test
    void anAnswerOffTheDescriptionIsReported() {
        assertThat(contract.checkResponse("POST", "/tickets", 200, "application/json",
                "{\"type\": \"ticket\", \"id\": 626, \"open\": \"yes\"}")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(contract.checkResponse("POST", "/tickets", 200, "application/json",
                "{\"type\": \"ticket\", \"id\": \"626\", \"open\": true}")).isEmpty();
    }
}
