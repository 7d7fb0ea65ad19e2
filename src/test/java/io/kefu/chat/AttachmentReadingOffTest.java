package io.kefu.chat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import io.kefu.conversation.Message;
import io.kefu.customer.CustomerService;
import io.kefu.customer.CustomerTier;
import io.kefu.ocr.ImageTextStatus;
import io.kefu.testing.H2Database;
import io.kefu.testing.TestImages;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With {@code kefu.ocr.enabled=false} an image is stored as OFF, never read, and triage works as before. */
@H2Database("ocr-off")
@SpringBootTest(properties = "kefu.ocr.enabled=false")
class AttachmentReadingOffTest {

    @Autowired
    AttachmentService attachments;
    @Autowired
    CustomerService customers;
    @Autowired
    TicketService tickets;

    @Test
    void anImageIsStoredOffWithItsReasonAndTheTicketIsTriagedOnItsText() throws Exception {
        customers.register("ocr-off-1", "Li", CustomerTier.STANDARD);

        Message message = attachments.fromChannel(Channel.WEB, "ocr-off-1", null, "error.png",
                TestImages.png(TestImages.errorDialog("Error E1043: card verification timed out")),
                "The app crashes with an error every time I log in");

        await().atMost(Duration.ofSeconds(120)).until(() -> tickets.get(message.ticketId()).status() == TicketStatus.QUEUED);
        assertThat(tickets.get(message.ticketId()).topic()).isEqualTo(Topic.TECHNICAL);
        Map<Long, AttachmentText> texts = attachments.textsOf(List.of(message.id()));
        assertThat(texts.values()).singleElement().satisfies(text -> {
            assertThat(text.status()).isEqualTo(ImageTextStatus.OFF);
            assertThat(text.reason()).isEqualTo("OCR is off (kefu.ocr.enabled=false)");
            assertThat(text.text()).isEmpty();
        });
    }
}
