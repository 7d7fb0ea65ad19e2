package io.kefu.mail;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import io.kefu.testing.H2Database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

/**
 * {@code KEFU_MAIL_PROCESSED_FOLDER} against a real IMAP server (GreenMail): a stored e-mail is moved
 * out of the folder read into the processed folder (created on first use), an automatic one too
 * (it is recorded), and an e-mail whose storing fails stays where it was, unseen, until a poll
 * stores it; only then is it moved. Runs on H2: the move is the mailbox's, not the database's.
 */
@H2Database("mail-processed-folder")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2MailProcessedFolderTest {

    static final String PROCESSED = "Processed";
    static final MailServers SERVERS = new MailServers();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        MailJourney.mailProperties(registry, SERVERS);
        registry.add("kefu.mail.processed-folder", () -> PROCESSED);
    }

    @Autowired
    JdbcClient jdbc;

    @MockitoSpyBean
    MailIntake intake;

    @Test
    void aStoredEmailIsMovedToTheProcessedFolderAndAnAutomaticOneToo() {
        String address = MailJourney.unique("moved") + "@customer.test";
        String messageId = MailJourney.unique("moved") + "@mail.customer.test";
        SERVERS.deliver(MailJourney.mail(address, "Wang Fang", messageId, null, null, "Parcel", "Where is my parcel 5521?"));

        await().atMost(MailJourney.WAIT).until(() -> SERVERS.seenIn(PROCESSED, messageId).isPresent());
        assertThat(SERVERS.seenIn("INBOX", messageId)).as("gone from the folder read").isEmpty();
        assertThat(storedOutcome(messageId)).contains("STORED");

        SERVERS.deliver(MailJourney.resource("out-of-office.eml"));
        await().atMost(MailJourney.WAIT).until(() -> SERVERS.seenIn(PROCESSED, outOfOfficeId()).isPresent());
        assertThat(SERVERS.seenIn("INBOX", outOfOfficeId())).isEmpty();
        assertThat(storedOutcome(outOfOfficeId())).as("recorded, on no ticket, then moved").contains("AUTOMATIC");
    }

    @Test
    void anEmailWhoseStoringFailsStaysUnseenWhereItWasUntilItIsStored() {
        String address = MailJourney.unique("stays") + "@customer.test";
        String messageId = MailJourney.unique("stays") + "@mail.customer.test";
        AtomicBoolean databaseDown = new AtomicBoolean(true);
        doAnswer(call -> {
            if (databaseDown.get()) {
                throw new DataAccessResourceFailureException("the database is down");
            }
            return call.callRealMethod();
        }).when(intake).receive(anyString(), argThat(raw -> MailJourney.carries(raw, messageId)));
        SERVERS.deliver(MailJourney.mail(address, "Chen Jie", messageId, null, null, "Refund", "Please refund order 7788."));

        verify(intake, timeout(MailJourney.WAIT.toMillis()).atLeast(2))
                .receive(anyString(), argThat(raw -> MailJourney.carries(raw, messageId)));
        assertThat(SERVERS.seenIn("INBOX", messageId)).as("two polls failed to store it: still there, unseen")
                .contains(false);
        assertThat(SERVERS.seenIn(PROCESSED, messageId)).isEmpty();
        assertThat(storedOutcome(messageId)).isEmpty();

        databaseDown.set(false);
        await().atMost(MailJourney.WAIT).until(() -> SERVERS.seenIn(PROCESSED, messageId).isPresent());
        assertThat(SERVERS.seenIn("INBOX", messageId)).isEmpty();
        assertThat(storedOutcome(messageId)).contains("STORED");
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM message m JOIN mail_message mm ON mm.kefu_message_id = m.id WHERE mm.message_id = ?""")
                .param(messageId).query(Long.class).single()).as("stored once").isEqualTo(1);
    }

    Optional<String> storedOutcome(String messageId) {
        return jdbc.sql("SELECT outcome FROM mail_message WHERE message_id = ?").param(messageId).query(String.class).optional();
    }

    static String outOfOfficeId() {
        String raw = new String(MailJourney.resource("out-of-office.eml"), java.nio.charset.StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("(?im)^Message-ID:\\s*<([^>]+)>").matcher(raw);
        if (!id.find()) {
            throw new IllegalStateException("out-of-office.eml has no Message-ID");
        }
        return id.group(1);
    }
}
