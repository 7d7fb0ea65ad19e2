package io.kefu.triage;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Triage over HTTP in the running application: classification and retraining through the API. */
@H2Database("workspace-page")
@SpringBootTest
@AutoConfigureMockMvc
class TriageApiTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    ObjectMapper json;

    @Test
    void classifiesAChineseComplaintAboutALateParcelAsTwoIntentsWithNegativeSentiment() throws Exception {
        JsonNode result = json.readTree(mvc.perform(post("/api/triage/classify").with(user("agent").roles("AGENT"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"物流怎么还没到？！\"}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());

        assertThat(result.get("language").asText()).isEqualTo("ZH");
        assertThat(result.get("intents").findValuesAsText("label")).contains("complaint")
                .containsAnyOf("shipping_delay", "order_status");
        assertThat(result.get("intents").get(0).get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(result.get("sentiment").get("polarity").asText()).isEqualTo("NEGATIVE");
    }

    @Test
    void onlyDesignersStartRetrainingAndTheReportComesBack() throws Exception {
        mvc.perform(post("/api/triage/models").with(user("agent").roles("AGENT"))).andExpect(status().isForbidden());

        mvc.perform(post("/api/triage/models").with(user("designer").roles("DESIGNER")))
                .andExpect(status().isAccepted());

        await().atMost(Duration.ofSeconds(60)).until(() -> models().hasNonNull("lastReport"));
        JsonNode models = models();
        JsonNode report = models.get("lastReport");
        assertThat(report.get("outcome").asText()).as("the same data scores as well, so it is accepted")
                .isEqualTo("ACCEPTED");
        assertThat(report.get("candidate").get("intents")).isNotNull();
        assertThat(models.get("current").get("version").asText()).isEqualTo(report.get("version").asText());
        assertThat(models.get("retraining").asBoolean()).isFalse();
    }

    private JsonNode models() throws Exception {
        return json.readTree(mvc.perform(get("/api/triage/models").with(user("designer").roles("DESIGNER")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }
}
