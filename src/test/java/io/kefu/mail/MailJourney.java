package io.kefu.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionTemplate;

import io.kefu.conversation.ConversationService;
import io.kefu.customer.Customer;
import io.kefu.customer.CustomerService;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;
import io.kefu.ticket.Topic;
import io.kefu.triage.IntentTopics;
import io.kefu.triage.TriageService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * The e-mail channel end to end against real IMAP and SMTP servers (GreenMail on loopback ports):
 * a customer's e-mail becomes an EMAIL ticket, the agent's reply (through the API, as the agents'
 * pages call it) reaches the customer's mailbox in the thread with the right headers, replies stay
 * on their ticket, six charsets read right, automatic mail opens nothing and gets no answer, an SMTP
 * server that is down delays a reply and it is delivered once, a forwarded copy from another address
 * does not join the ticket, a message read twice (or delivered twice) is stored once, a failure while
 * storing leaves the message unseen for the next poll, attachments reach the transcript, and a reply
 * is triaged by its new text while the transcript keeps what it quotes.
 */
abstract class MailJourney {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MailHealth health;

    @Autowired
    MailSender sender;

    @Autowired
    CustomerService customers;

    @Autowired
    ConversationService conversations;

    @Autowired
    TicketService tickets;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    TriageService triage;

    @Autowired
    IntentTopics intentTopics;

    @MockitoSpyBean
    MailIntake intake;

    @Autowired
    io.kefu.intake.IntakeService intakeService;

    /** User name and password of a staff member who reaches every ticket. */
    abstract String[] staff();

    /** This class's mail servers (each concrete class has its own). */
    abstract MailServers servers();

    static void mailProperties(DynamicPropertyRegistry registry, MailServers servers) {
        registry.add("kefu.mail.imap-url", servers::imapUrl);
        registry.add("kefu.mail.smtp-url", servers::smtpUrl);
        registry.add("kefu.mail.address", () -> MailServers.SUPPORT);
        registry.add("kefu.mail.poll-interval", () -> "PT0.2S");
        registry.add("kefu.mail.send-poll-interval", () -> "PT0.2S");
        // The bot's "an agent will be with you shortly" would be e-mailed too; these journeys count the agent's mail.
        registry.add("kefu.lifecycle.soothe.after", () -> "PT1H");
    }

    TestRestTemplate api() {
        return http.withBasicAuth(staff()[0], staff()[1]);
    }

    @Test
    void aCustomersEmailBecomesATicketAndTheAgentsReplyReachesTheirMailboxInTheThread() throws Exception {
        String address = unique("li.wei") + "@customer.test";
        String firstId = unique("first") + "@mail.customer.test";
        servers().deliver(mail(address, "Li Wei", firstId, null, null, "Parcel not delivered",
                "My parcel 4711 has not arrived. Can you check with the courier?"));

        long ticketId = awaitTicketOf(address);
        JsonNode ticket = awaitStatus(ticketId, "QUEUED");
        assertThat(ticket.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(ticket.get("customerExternalId").asText()).isEqualTo("mail:" + address);
        assertThat(inboundBodies(ticketId)).containsExactly("My parcel 4711 has not arrived. Can you check with the courier?");
        await().atMost(WAIT).until(() -> servers().seen(firstId));
        Customer customer = customers.findByExternalId("mail:" + address).orElseThrow();
        assertThat(customer.name()).isEqualTo("Li Wei");
        assertThat(customer.email()).isEqualTo(address);
        assertThat(customers.identities(customer.id())).as("reached on the address, not on the external id")
                .anyMatch(i -> i.channel().equals("EMAIL") && i.address().equals(address))
                .noneMatch(i -> i.address().startsWith("mail:"));

        api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
        ResponseEntity<JsonNode> reply = api().postForEntity("/api/tickets/" + ticketId + "/replies",
                Map.of("text", "Sorry about that: the courier has it and will call you today. 您好！"), JsonNode.class);
        assertThat(reply.getStatusCode().is2xxSuccessful()).as(String.valueOf(reply.getBody())).isTrue();

        MimeMessage sent = awaitOneMailTo(address);
        assertThat(((InternetAddress) sent.getFrom()[0]).getAddress()).isEqualTo(MailServers.SUPPORT);
        assertThat(sent.getSubject()).isEqualTo("Re: Parcel not delivered [#" + ticketId + "]");
        assertThat(sent.getHeader("In-Reply-To", null)).isEqualTo("<" + firstId + ">");
        assertThat(sent.getHeader("References", null)).isEqualTo("<" + firstId + ">");
        assertThat(sent.getHeader("Auto-Submitted")).as("a person's reply").isNull();
        assertThat(sent.getContent().toString().strip()).isEqualTo("Sorry about that: the courier has it and will call you today. 您好！");
        String kefuId = sent.getMessageID();
        assertThat(kefuId).matches("<kefu-" + ticketId + "-\\d+-[0-9a-f]{12}@shop\\.test>");
        assertThat(jdbc.sql("SELECT ticket_id FROM mail_message WHERE message_id = ? AND direction = 'OUTBOUND'")
                .param(kefuId.substring(1, kefuId.length() - 1)).query(Long.class).single())
                .as("Kefu's Message-ID is stored with the ticket").isEqualTo(ticketId);
        assertThat(jdbc.sql("SELECT status FROM mail_outbound WHERE header_message_id = ?")
                .param(kefuId.substring(1, kefuId.length() - 1)).query(String.class).single()).isEqualTo("SENT");
    }

    @Test
    void aThreadOfThreeRepliesStaysOneTicketEvenBesideANewerOpenTicketOfTheSameCustomer() throws Exception {
        String address = unique("zhang.min") + "@customer.test";
        String firstId = unique("thread-1") + "@mail.customer.test";
        servers().deliver(mail(address, "Zhang Min", firstId, null, null, "Invoice missing", "I never got the invoice for order 8848."));
        long ticketId = awaitTicketOf(address);
        awaitStatus(ticketId, "QUEUED");
        api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
        api().postForEntity("/api/tickets/" + ticketId + "/replies", Map.of("text", "Which address should we send it to?"),
                JsonNode.class);
        String kefuId = stripBrackets(awaitOneMailTo(address).getMessageID());

        // A newer open ticket of the same customer (opened through another door): intake alone would
        // put every new message there; the thread must still win.
        long other = openAnotherTicket(address, "Also: can I change my delivery address?");

        String reply1 = unique("thread-2") + "@mail.customer.test";
        servers().deliver(mail(address, "Zhang Min", reply1, kefuId, firstId + " " + kefuId,
                "Re: Invoice missing [#" + ticketId + "]", "To the office, please.\n\nOn Tue, Kefu wrote:\n> Which address?"));
        String reply2 = unique("thread-3") + "@mail.customer.test";
        servers().deliver(mail(address, "Zhang Min", reply2, null, firstId + " " + reply1, "Invoice missing",
                "And a copy to my private address."));
        String reply3 = unique("thread-4") + "@mail.customer.test";
        servers().deliver(mail(address, "Zhang Min", reply3, null, null, "Invoice again [#" + ticketId + "]",
                "Thanks in advance!"));

        await().atMost(WAIT).until(() -> servers().seen(reply1) && servers().seen(reply2) && servers().seen(reply3));
        assertThat(inboundBodies(ticketId)).hasSize(4).last().isEqualTo("Thanks in advance!");
        assertThat(inboundBodies(ticketId).get(1)).startsWith("To the office, please.").contains("> Which address?");
        assertThat(inboundBodies(other)).as("the newer ticket kept only its own message").hasSize(1);
    }

    @Test
    void messagesInSixCharsetsAreReadRightEndToEnd() throws Exception {
        List<String[]> rows = new String(resource("charsets.csv"), StandardCharsets.UTF_8).lines().skip(1)
                .map(line -> line.split("\\|", 4)).toList();
        assertThat(rows).hasSize(6);
        for (String[] row : rows) {
            servers().deliver(resource(row[0]));
        }
        for (String[] row : rows) {
            String address = ((InternetAddress) new MimeMessage(null, new java.io.ByteArrayInputStream(resource(row[0])))
                    .getFrom()[0]).getAddress();
            long ticketId = awaitTicketOf(address);
            assertThat(inboundBodies(ticketId)).as(row[0]).containsExactly(row[3]);
            assertThat(customers.findByExternalId("mail:" + address).orElseThrow().name()).as(row[0]).isEqualTo(row[1]);
            assertThat(jdbc.sql("SELECT subject FROM mail_message WHERE ticket_id = ? AND direction = 'INBOUND'")
                    .param(ticketId).query(String.class).single()).as(row[0]).isEqualTo(row[2]);
        }
    }

    @Test
    void anOutOfOfficeReplyAndARealBounceOpenNothingAndGetNoAnswer() {
        servers().deliver(resource("out-of-office.eml"));
        servers().deliver(resource("cpython-msg_16-bounce.eml"));
        servers().deliver(resource("no-sender.eml"));
        await().atMost(WAIT).until(() -> servers().seen("ooo-1@customer.test")
                && servers().seen("0GK500B04D0B8X@cougar.noc.ucla.edu") && servers().seen("anon@nowhere.test"));

        assertThat(reason("ooo-1@customer.test", "AUTOMATIC")).isEqualTo("Auto-Submitted: auto-replied");
        assertThat(reason("0GK500B04D0B8X@cougar.noc.ucla.edu", "AUTOMATIC")).isEqualTo("Precedence: bulk");
        assertThat(jdbc.sql("SELECT reason FROM mail_message WHERE outcome = 'MALFORMED'").query(String.class).list())
                .contains("The message has no sender address");
        assertThat(customers.findByExternalId("mail:chen.jing@customer.test")).as("no customer, no ticket").isEmpty();
        assertThat(customers.findByExternalId("mail:postmaster@ucla.edu")).isEmpty();
        assertThat(servers().sentTo("chen.jing@customer.test")).as("no answer").isEmpty();
        assertThat(servers().sentTo("scr-admin@socal-raves.org")).isEmpty();
    }

    @Test
    void anSmtpServerThatIsDownDelaysTheReplyWhichIsThenDeliveredExactlyOnce() throws Exception {
        String address = unique("jurgen") + "@customer.test";
        String firstId = unique("down") + "@mail.customer.test";
        servers().deliver(mail(address, "Jürgen Müller", firstId, null, null, "Bestellung", "Meine Bestellung ist nicht angekommen."));
        long ticketId = awaitTicketOf(address);
        awaitStatus(ticketId, "QUEUED");
        Health up = health.check();
        assertThat(up.getStatus()).isEqualTo(Status.UP);
        assertThat(up.getDetails().toString()).contains("reachable").doesNotContain(MailServers.PASSWORD);

        servers().stopSmtp();
        try {
            api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
            assertThat(api().postForEntity("/api/tickets/" + ticketId + "/replies", Map.of("text", "Wir kümmern uns darum."),
                    JsonNode.class).getStatusCode().is2xxSuccessful()).isTrue();
            await().atMost(WAIT).until(() -> jdbc.sql("SELECT attempts FROM mail_outbound WHERE to_address = ?")
                    .param(address).query(Integer.class).single() >= 2);
            assertThat(jdbc.sql("SELECT status FROM mail_outbound WHERE to_address = ?").param(address).query(String.class)
                    .single()).isEqualTo("PENDING");
            assertThat(jdbc.sql("SELECT last_error FROM mail_outbound WHERE to_address = ?").param(address)
                    .query(String.class).single()).isNotBlank().doesNotContain(MailServers.PASSWORD);
            Health down = health.check();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails().get("smtp").toString()).startsWith("not reachable");
            assertThat(down.getDetails().get("pendingReplies")).isEqualTo(1L);
        } finally {
            servers().restartSmtp();
        }
        MimeMessage sent = awaitOneMailTo(address);
        assertThat(sent.getContent().toString().strip()).isEqualTo("Wir kümmern uns darum.");
        await().atMost(WAIT).until(() -> "SENT".equals(jdbc.sql("SELECT status FROM mail_outbound WHERE to_address = ?")
                .param(address).query(String.class).single()));
        sender.sendDue();
        assertThat(servers().sentTo(address)).as("sent once").hasSize(1);
    }

    @Test
    void aForwardedCopyFromAnotherAddressDoesNotJoinTheTicket() throws Exception {
        String customer = unique("chen.jing") + "@customer.test";
        String colleague = unique("colleague") + "@other.test";
        String firstId = unique("fwd-1") + "@mail.customer.test";
        servers().deliver(mail(customer, "Chen Jing", firstId, null, null, "Refund for order 20261202001", "Please refund my order."));
        long ticketId = awaitTicketOf(customer);

        String forwardId = unique("fwd-2") + "@mail.other.test";
        servers().deliver(mail(colleague, "A Colleague", forwardId, firstId, firstId,
                "Fwd: Refund for order 20261202001 [#" + ticketId + "]",
                "Forwarding this to you.\n\n---------- Forwarded message ---------\nPlease refund my order."));
        long colleaguesTicket = awaitTicketOf(colleague);

        assertThat(colleaguesTicket).isNotEqualTo(ticketId);
        assertThat(inboundBodies(ticketId)).containsExactly("Please refund my order.");
        assertThat(inboundBodies(colleaguesTicket)).hasSize(1).first().asString().startsWith("Forwarding this to you.");
    }

    @Test
    void theSameMessageFetchedTwiceOrDeliveredTwiceIsStoredOnce() throws Exception {
        String address = unique("twice") + "@customer.test";
        String messageId = unique("twice") + "@mail.customer.test";
        byte[] raw = mail(address, "Wang Lei", messageId, null, null, "Login fails", "I cannot log in since yesterday.");
        servers().deliver(raw);
        long ticketId = awaitTicketOf(address);
        await().atMost(WAIT).until(() -> servers().seen(messageId));

        // The poll that stored it lost the connection before marking it seen: it is read again.
        servers().markUnseen(messageId);
        verify(intake, timeout(WAIT.toMillis()).atLeast(2)).receive(anyString(), argThat(raw2 -> carries(raw2, messageId)));
        // The sender's server delivered it a second time.
        servers().deliver(raw);
        verify(intake, timeout(WAIT.toMillis()).atLeast(3)).receive(anyString(), argThat(raw2 -> carries(raw2, messageId)));
        await().atMost(WAIT).until(() -> servers().seen(messageId));

        assertThat(inboundBodies(ticketId)).containsExactly("I cannot log in since yesterday.");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_message WHERE message_id = ?").param(messageId).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void aFailureWhileStoringLeavesTheMessageUnseenAndTheNextPollStoresItOnce() throws Exception {
        String address = unique("retry") + "@customer.test";
        String messageId = unique("retry") + "@mail.customer.test";
        doThrow(new DataAccessResourceFailureException("the database is down")).doCallRealMethod().when(intake)
                .receive(anyString(), argThat(raw -> carries(raw, messageId)));
        servers().deliver(mail(address, "Liu Yang", messageId, null, null, "Coupon", "My coupon code does not work."));

        long ticketId = awaitTicketOf(address);
        await().atMost(WAIT).until(() -> servers().seen(messageId));
        verify(intake, atLeast(2)).receive(anyString(), argThat(raw -> carries(raw, messageId)));
        assertThat(inboundBodies(ticketId)).containsExactly("My coupon code does not work.");
    }

    @Test
    void attachmentsAndInlineImagesReachTheTranscriptAndARefusedFileIsNamed() throws Exception {
        servers().deliver(resource("attachments.eml"));
        long ticketId = awaitTicketOf("wang.fang@customer.test");
        JsonNode messages = api().getForObject("/api/tickets/" + ticketId + "/messages", JsonNode.class);
        JsonNode first = messages.get(0);
        assertThat(first.get("body").asText()).isEqualTo("The screen arrived broken, photo below and the receipt attached.");
        assertThat(first.get("attachments")).hasSize(2);
        assertThat(first.at("/attachments/0/name").asText()).isEqualTo("photo.png");
        assertThat(first.at("/attachments/0/contentType").asText()).isEqualTo("image/png");
        assertThat(first.at("/attachments/1/name").asText()).isEqualTo("发票.txt");
        assertThat(first.at("/attachments/1/contentType").asText()).isEqualTo("text/plain");

        servers().deliver(resource("cpython-msg_26-attachment.eml"));
        long riscOs = awaitTicketOf("father.time@xcar.wooster.local");
        JsonNode transcript = api().getForObject("/api/tickets/" + riscOs + "/messages", JsonNode.class);
        assertThat(transcript.at("/0/body").asText()).startsWith("Simple email with attachment.")
                .contains("[Attachment not kept: clock.bmp: The file's content is image/bmp");
        assertThat(transcript.at("/0/attachments").isMissingNode() || transcript.at("/0/attachments").isEmpty()).isTrue();
        assertThat(jdbc.sql("SELECT reason FROM mail_message WHERE message_id = ?")
                .param("6df65d354b.father.time@rpc.wooster.local").query(String.class).single())
                .startsWith("1 attachment(s) refused");
    }

    @Test
    void theBotsMessagesSayTheyAreAutomaticSoNoAutoResponderAnswersThem() throws Exception {
        String address = unique("bot") + "@customer.test";
        servers().deliver(mail(address, "Sun Li", unique("bot") + "@mail.customer.test", null, null, "Password",
                "How do I reset my password?"));
        long ticketId = awaitTicketOf(address);
        long conversation = tickets.get(ticketId).conversationId();
        transaction.executeWithoutResult(status -> conversations.appendOutbound(conversation, ticketId, "bot",
                "Open Settings, then Security, then Reset password."));

        MimeMessage sent = awaitOneMailTo(address);
        assertThat(sent.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(sent.getSubject()).isEqualTo("Re: Password [#" + ticketId + "]");
    }

    @Test
    void anEmailLongerThanAMessageKeepsItsNewPartAndSaysTheQuotedHistoryWasLeftOut() {
        String address = unique("long") + "@customer.test";
        String messageId = unique("long") + "@mail.customer.test";
        String history = "> " + "The earlier conversation, quoted again and again. ".repeat(300);
        servers().deliver(mail(address, "Zhao Lei", messageId, null, null, "Re: Warranty",
                "Is the warranty two years?\n\nOn Mon, Kefu <support@shop.test> wrote:\n" + history));

        long ticketId = awaitTicketOf(address);
        String body = inboundBodies(ticketId).get(0);
        assertThat(body).startsWith("Is the warranty two years?")
                .contains("[The quoted earlier messages were left out: this e-mail had ")
                .doesNotContain("quoted again and again");
        assertThat(jdbc.sql("SELECT reason FROM mail_message WHERE message_id = ?").param(messageId).query(String.class)
                .single()).startsWith("quoted history left out");
    }

    @Test
    void aChatCustomerIsAnsweredByEmailOnTheirLinkedAddressAndTheirAnswerContinuesTheTicket() throws Exception {
        String externalId = unique("chat-customer");
        String address = unique("chen.jie") + "@customer.test";
        customers.register(externalId, "Chen Jie", io.kefu.customer.CustomerTier.STANDARD);
        long ticketId = intakeService.receive(new io.kefu.intake.InboundMessage(Channel.WEB, externalId,
                "My parcel 5512 has not arrived yet\nI ordered it two weeks ago.", null)).ticketId();
        awaitStatus(ticketId, "QUEUED");
        assertThat(api().getForObject("/api/tickets/" + ticketId + "/reply-channels", JsonNode.class).get("channels")
                .toString()).as("no e-mail before an address is linked").isEqualTo("[\"WEB\"]");
        ResponseEntity<JsonNode> linked = api().postForEntity("/api/customers/" + externalId + "/identities",
                Map.of("kind", "EMAIL", "address", address.toUpperCase(java.util.Locale.ROOT)), JsonNode.class);
        assertThat(linked.getStatusCode().value()).isEqualTo(201);
        assertThat(linked.getBody().get("address").asText()).as("kept in lower case").isEqualTo(address);

        api().postForObject("/api/tickets/" + ticketId + "/claim", null, JsonNode.class);
        ResponseEntity<JsonNode> reply = api().postForEntity("/api/tickets/" + ticketId + "/replies",
                Map.of("text", "The courier will bring it tomorrow.", "channel", "EMAIL"), JsonNode.class);
        assertThat(reply.getStatusCode().value()).as(String.valueOf(reply.getBody())).isEqualTo(201);
        assertThat(reply.getBody().get("channel").asText()).isEqualTo("EMAIL");

        MimeMessage sent = awaitOneMailTo(address);
        assertThat(sent.getSubject()).as("a new thread named after the customer's question")
                .isEqualTo("Re: My parcel 5512 has not arrived yet [#" + ticketId + "]");
        assertThat(sent.getHeader("In-Reply-To", null)).isNull();
        assertThat(sent.getContent().toString().strip()).isEqualTo("The courier will bring it tomorrow.");

        // Their answer by e-mail threads back onto the chat ticket: the linked address is that customer.
        String answerId = unique("answer") + "@mail.customer.test";
        servers().deliver(mail(address, "Chen Jie", answerId, stripBrackets(sent.getMessageID()),
                stripBrackets(sent.getMessageID()), sent.getSubject(), "Thank you, I will wait."));
        await().atMost(WAIT).until(() -> inboundBodies(ticketId).contains("Thank you, I will wait."));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE c.external_id = ?")
                .param("mail:" + address).query(Long.class).single()).as("no second customer for the address").isZero();
        assertThat(api().getForObject("/api/tickets/" + ticketId + "/reply-channels", JsonNode.class).get("preferred")
                .asText()).as("the customer's latest message came by e-mail").isEqualTo("EMAIL");
    }

    @Test
    void aReplyIsTriagedByItsNewTextWhileTheTranscriptKeepsTheQuotedMessage() {
        String address = unique("sun.li") + "@customer.test";
        String messageId = unique("quoting") + "@mail.customer.test";
        String newText = "Where is my package?";
        String text = newText + "\n\nOn Mon, 30 Nov 2026 at 10:00, Billing <billing@shop.test> wrote:\n"
                + "> Your invoice for the payment is attached. You were charged twice on your credit card, the refund"
                + " for the double charge is on its way.\n"
                + "> I want a refund. Please refund my order, the refund amount is wrong. When will I receive my refund?\n"
                + "> How long does a refund take to show up on my card? I was only refunded half the price.";
        // Read whole, this e-mail is about money: a triage of the full text would queue it as billing.
        assertThat(topicOf(text)).as("the full text").isEqualTo(Topic.BILLING);
        assertThat(topicOf(newText)).as("the new text").isEqualTo(Topic.ORDER);

        servers().deliver(mail(address, "Sun Li", messageId, null, null, "Re: Your refund", text));

        long ticketId = awaitTicketOf(address);
        await().atMost(WAIT).until(() -> api().getForObject("/api/tickets/" + ticketId, JsonNode.class).hasNonNull("topic"));
        JsonNode ticket = api().getForObject("/api/tickets/" + ticketId, JsonNode.class);
        assertThat(ticket.get("topic").asText()).as("triaged by what the customer wrote this time").isEqualTo("ORDER");
        assertThat(ticket.at("/classification/intents").toString()).contains("shipping_delay").doesNotContain("refund");
        assertThat(inboundBodies(ticketId)).singleElement().asString().as("the transcript keeps the quote")
                .startsWith(newText).contains("> I want a refund.");
        assertThat(jdbc.sql("SELECT triage_text FROM mail_message WHERE message_id = ?").param(messageId)
                .query(String.class).single()).isEqualTo(newText);
    }

    Topic topicOf(String text) {
        return Topic.fromIntentMapping(intentTopics.topicOf(triage.classify(text, null).intents()));
    }

    // --- helpers

    /** A plain-text e-mail as a customer's client writes it (UTF-8, quoted-printable by jakarta.mail). */
    static byte[] mail(String from, String name, String messageId, String inReplyTo, String references, String subject,
            String text) {
        try {
            MimeMessage message = new MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties())) {
                @Override
                protected void updateMessageID() throws jakarta.mail.MessagingException {
                    setHeader("Message-ID", "<" + messageId + ">");
                }
            };
            message.setFrom(new InternetAddress(from, name, "UTF-8"));
            message.setRecipients(jakarta.mail.Message.RecipientType.TO, MailServers.SUPPORT);
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            if (inReplyTo != null) {
                message.setHeader("In-Reply-To", "<" + inReplyTo + ">");
            }
            if (references != null) {
                message.setHeader("References", String.join(" ", java.util.Arrays.stream(references.split(" "))
                        .map(id -> "<" + id + ">").toList()));
            }
            message.saveChanges();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (jakarta.mail.MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = MailJourney.class.getResourceAsStream("/mail/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture mail/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether these raw bytes are the e-mail with this Message-ID. */
    static boolean carries(byte[] raw, String messageId) {
        return raw != null && new String(raw, StandardCharsets.ISO_8859_1).contains("<" + messageId + ">");
    }

    static String unique(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    static String stripBrackets(String id) {
        return id.substring(1, id.length() - 1);
    }

    long awaitTicketOf(String address) {
        String externalId = "mail:" + address.toLowerCase(java.util.Locale.ROOT);
        await().atMost(WAIT).until(() -> jdbc.sql("""
                SELECT COUNT(*) FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE c.external_id = ?""")
                .param(externalId).query(Long.class).single() > 0);
        return jdbc.sql("SELECT MIN(t.id) FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE c.external_id = ?")
                .param(externalId).query(Long.class).single();
    }

    List<String> inboundBodies(long ticketId) {
        return jdbc.sql("SELECT body FROM message WHERE ticket_id = ? AND direction = 'INBOUND' ORDER BY id").param(ticketId)
                .query(String.class).list();
    }

    String reason(String messageId, String outcome) {
        return jdbc.sql("SELECT reason FROM mail_message WHERE message_id = ? AND outcome = ? AND ticket_id IS NULL")
                .params(messageId, outcome).query(String.class).single();
    }

    MimeMessage awaitOneMailTo(String address) {
        await().atMost(WAIT).until(() -> !servers().sentTo(address).isEmpty());
        List<MimeMessage> sent = servers().sentTo(address);
        assertThat(sent).as("one e-mail to " + address).hasSize(1);
        return sent.get(0);
    }

    JsonNode awaitStatus(long ticketId, String status) {
        await().atMost(WAIT).until(() -> status.equals(
                api().getForObject("/api/tickets/" + ticketId, JsonNode.class).path("status").asText()));
        return api().getForObject("/api/tickets/" + ticketId, JsonNode.class);
    }

    /** A second open ticket for the customer of this address, opened the way intake opens one. */
    long openAnotherTicket(String address, String text) {
        Customer customer = customers.findByExternalId("mail:" + address).orElseThrow();
        return transaction.execute(status -> {
            customers.lockByExternalId(customer.externalId());
            long conversation = conversations.start(customer.id(), Channel.API.name());
            TicketView ticket = tickets.open(customer.id(), customer.externalId(), customer.tier(), conversation, Channel.API, null);
            conversations.appendFirstInbound(conversation, ticket.id(), customer.externalId(), text);
            return ticket.id();
        });
    }
}
