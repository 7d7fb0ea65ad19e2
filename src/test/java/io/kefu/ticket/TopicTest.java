package io.kefu.ticket;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The topic a ticket gets from triage's intent → topic mapping. */
class TopicTest {

    @Test
    void aMappedTopicIsThatTopicInAnyCase() {
        assertThat(Topic.fromIntentMapping(Optional.of("billing"))).isEqualTo(Topic.BILLING);
        assertThat(Topic.fromIntentMapping(Optional.of(" Technical "))).isEqualTo(Topic.TECHNICAL);
    }

    @Test
    void noMappedTopicOrAnUnknownOneIsGeneral() {
        assertThat(Topic.fromIntentMapping(Optional.empty())).isEqualTo(Topic.GENERAL);
        assertThat(Topic.fromIntentMapping(Optional.of("shipping"))).isEqualTo(Topic.GENERAL);
    }
}
