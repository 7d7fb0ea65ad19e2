package io.kefu.sync;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.kefu.config.KefuHome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kefu starts with the Intercom destination only when its settings make sense: with a token, the
 * ticket type and the admin must be named, and the mapping file must read; without one, nothing of it
 * is looked at and no Intercom destination exists.
 */
class IntercomSettingsTest {

    @Test
    void withoutATokenThereIsNoIntercomDestinationAndNothingElseIsRequired() {
        SyncProperties properties = properties(null, null, null);

        assertThatCode(() -> tickets(properties)).doesNotThrowAnyException();
        assertThat(properties.intercom().enabled()).isFalse();
    }

    @Test
    void aTokenWithoutTheTicketTypeStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> tickets(properties("secret-token", " ", "991267943")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KEFU_INTERCOM_TICKET_TYPE_ID")
                .hasMessageNotContaining("secret-token");
    }

    @Test
    void aTokenWithoutANumericAdminStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> tickets(properties("secret-token", "88", "li.na")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("KEFU_INTERCOM_ADMIN_ID")
                .hasMessageContaining("'li.na'");
    }

    @Test
    void completeSettingsReadTheMappingAndMakeIntercomADestination() {
        SyncProperties properties = properties("secret-token", "88", "991267943");

        assertThatCode(() -> tickets(properties)).doesNotThrowAnyException();
        Destinations shipped = new Destinations(new KefuHome("."), new org.springframework.mock.env.MockEnvironment()
                .withProperty("kefu.sync.intercom.token", "secret-token"));
        OutboxDestination intercom = shipped.named("intercom").orElseThrow();
        assertThat(intercom.enabled()).as("on by its token").isTrue();
        assertThat(intercom.endpoint()).isEqualTo("https://api.intercom.io");
        assertThat(intercom.kind().route()).isEqualTo("direct:intercom-ticket-sync");
        assertThat(new Destinations(new KefuHome("."), new org.springframework.mock.env.MockEnvironment()).named("intercom")
                .orElseThrow().enabled()).as("off without a token").isFalse();
    }

    @Test
    void aTokenWithoutTheMappingFileStopsTheStartNamingTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home)
            throws java.io.IOException {
        java.nio.file.Files.createDirectories(home.resolve("integrations"));

        assertThatThrownBy(() -> new IntercomTickets(properties("secret-token", "88", "991267943"), null,
                new ObjectMapper(), null, new KefuHome(home.toString()), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("integrations/mappings/intercom.yaml");
    }

    static IntercomTickets tickets(SyncProperties properties) {
        return new IntercomTickets(properties, null, new ObjectMapper(), null, new KefuHome("."), Clock.systemUTC());
    }

    static SyncProperties properties(String token, String ticketType, String admin) {
        SyncProperties.Intercom intercom = new SyncProperties.Intercom(token, "https://api.intercom.io", ticketType,
                admin, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(2));
        return new SyncProperties(intercom, null, null, null);
    }
}
