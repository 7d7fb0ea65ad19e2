package io.kefu.mail;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract's URL form into what the routes and the health check use: user info URL-decoded, the
 * folder from the path, default ports, TLS schemes; bad URLs refused naming the setting, never
 * quoting the password; the reply's subject and references.
 */
class MailServerTest {

    @Test
    void readsTheContractsImapUrlWithAnEncodedUserAndPassword() {
        MailServer imap = MailServer.imap("KEFU_MAIL_IMAP_URL",
                "imap://support%40shop.test:s%3Acr%40t%2Fx+y%20z@127.0.0.1:3143/Support/Inbound");
        assertThat(imap.protocol()).isEqualTo("imap");
        assertThat(imap.host()).isEqualTo("127.0.0.1");
        assertThat(imap.port()).isEqualTo(3143);
        assertThat(imap.username()).isEqualTo("support@shop.test");
        assertThat(imap.password()).isEqualTo("s:cr@t/x+y z");
        assertThat(imap.folder()).isEqualTo("Support/Inbound");
        assertThat(imap.secure()).isFalse();
        assertThat(imap.endpoint()).isEqualTo("imap://127.0.0.1:3143");
        assertThat(imap.mailbox()).isEqualTo("support@shop.test@127.0.0.1/Support/Inbound");
        assertThat(imap.toString()).doesNotContain("s:cr@t").doesNotContain("cr%40t");
    }

    @Test
    void defaultsThePortAndTheFolderAndKnowsTls() {
        MailServer imaps = MailServer.imap("KEFU_MAIL_IMAP_URL", "imaps://support%40shop.test:pw@mail.shop.test");
        assertThat(imaps.port()).isEqualTo(993);
        assertThat(imaps.folder()).isEqualTo("INBOX");
        assertThat(imaps.secure()).isTrue();
        assertThat(MailServer.smtp("KEFU_MAIL_SMTP_URL", "smtp://relay.shop.test").port()).isEqualTo(25);
        MailServer smtps = MailServer.smtp("KEFU_MAIL_SMTP_URL", "smtps://u:p@relay.shop.test/");
        assertThat(smtps.port()).isEqualTo(465);
        assertThat(smtps.folder()).isNull();
        assertThat(MailServer.smtp("KEFU_MAIL_SMTP_URL", "smtp://relay.shop.test:2525").username()).as("a relay without login")
                .isNull();
    }

    @Test
    void refusesWhatIsNoMailUrlNamingTheSettingButNotThePassword() {
        assertThatThrownBy(() -> MailServer.imap("KEFU_MAIL_IMAP_URL", "smtp://u:topsecret@h:25"))
                .hasMessageContaining("KEFU_MAIL_IMAP_URL").hasMessageContaining("scheme is 'smtp'")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> MailServer.imap("KEFU_MAIL_IMAP_URL", "imap://u:top secret^@h:25"))
                .hasMessageContaining("not a URL").hasMessageNotContaining("top secret");
        assertThatThrownBy(() -> MailServer.smtp("KEFU_MAIL_SMTP_URL", "smtp://u:topsecret@h:25/INBOX"))
                .hasMessageContaining("no folder").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> MailServer.imap("KEFU_MAIL_IMAP_URL", "imap://u:topsecret@h/INBOX?ssl=true"))
                .hasMessageContaining("no ?query").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> MailServer.imap("KEFU_MAIL_IMAP_URL", "imap:///INBOX")).hasMessageContaining("no host");
    }

    @Test
    void aChannelThatIsOnNeedsTheSmtpUrlAndTheAddress() {
        new MailProperties(null, null, null, null, null, 0, null, null).check();
        assertThatThrownBy(() -> new MailProperties("imap://u:p@h/INBOX", null, "support@shop.test", null, null, 0, null, null).check())
                .hasMessageContaining("KEFU_MAIL_SMTP_URL is not");
        assertThatThrownBy(() -> new MailProperties("imap://u:p@h/INBOX", "smtp://u:p@h", null, null, null, 0, null, null).check())
                .hasMessageContaining("KEFU_MAIL_ADDRESS is not");
        assertThatThrownBy(() -> new MailProperties("imap://u:p@h/INBOX", "smtp://u:p@h", "not an address", null, null, 0, null, null)
                .check()).hasMessageContaining("KEFU_MAIL_ADDRESS is not an e-mail address");
        MailProperties on = new MailProperties("imap://u:p@h/INBOX", "smtp://u:p@h", "support@shop.test", null, null, 0, null, null);
        on.check();
        assertThat(on.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(on.toString()).doesNotContain(":p@");
        assertThat(on.processedFolderName()).as("unset: only marked seen").isEmpty();
    }

    @Test
    void theProcessedFolderMustBeAnotherFolderThanTheOneRead() {
        MailProperties moving = new MailProperties("imap://u:p@h/INBOX", "smtp://u:p@h", "support@shop.test", null, null, 0,
                null, " Kefu/Processed ");
        moving.check();
        assertThat(moving.processedFolderName()).contains("Kefu/Processed");
        assertThat(new MailProperties("imap://u:p@h/INBOX", "smtp://u:p@h", "support@shop.test", null, null, 0, null, "  ")
                .processedFolderName()).as("blank is unset").isEmpty();
        assertThatThrownBy(() -> new MailProperties("imap://u:p@h/INBOX", "smtp://u:p@h", "support@shop.test", null, null, 0,
                null, "inbox").check()).hasMessageContaining("KEFU_MAIL_PROCESSED_FOLDER is the folder Kefu reads");
    }

    @Test
    void theEnvironmentGivesTheRoutesTheirEndpointOptionsWithoutCredentials() {
        MockEnvironment environment = new MockEnvironment();
        MailEndpointsEnvironment.Derived derived = new MailEndpointsEnvironment.Derived(environment::getProperty);
        assertThat(derived.getProperty("kefu.mail.imap.enabled")).isEqualTo("false");
        environment.setProperty("kefu.mail.imap-url", "imap://support%40shop.test:pw@127.0.0.1:3143/INBOX");
        environment.setProperty("kefu.mail.smtp-url", "smtps://support%40shop.test:pw@127.0.0.1:3465");
        environment.setProperty("kefu.mail.poll-interval", "PT0.5S");
        assertThat(derived.getProperty("kefu.mail.imap.enabled")).as("read when asked, not at start").isEqualTo("true");
        assertThat(derived.getProperty("kefu.mail.imap.endpoint")).isEqualTo("imap://127.0.0.1:3143");
        assertThat(derived.getProperty("kefu.mail.imap.folder")).isEqualTo("INBOX");
        assertThat(derived.getProperty("kefu.mail.imap.delay")).isEqualTo("500");
        assertThat(derived.getProperty("kefu.mail.smtp.endpoint")).isEqualTo("smtps://127.0.0.1:3465");
        assertThat(derived.getProperty("kefu.mail.timeout-millis")).isEqualTo("10000");
        assertThat(derived.getProperty("kefu.mail.imap-url")).as("the URL itself is the settings'").isNull();
        environment.setProperty("kefu.mail.poll-interval", "soon");
        assertThatThrownBy(() -> derived.getProperty("kefu.mail.imap.delay")).hasMessageContaining("KEFU_MAIL_POLL_INTERVAL");
    }

    @Test
    void theReplySubjectIsTheFirstSubjectWithoutPrefixesAndTokensThenTheTicket() {
        assertThat(MailReplies.subject("Parcel not delivered", 57)).isEqualTo("Re: Parcel not delivered [#57]");
        assertThat(MailReplies.subject("RE: Fwd: [#12] Parcel not delivered", 57)).isEqualTo("Re: Parcel not delivered [#57]");
        assertThat(MailReplies.subject("回复：订单没有发货", 8)).isEqualTo("Re: 订单没有发货 [#8]");
        assertThat(MailReplies.subject("", 9)).isEqualTo("Re: (no subject) [#9]");
    }

    @Test
    void theReplyReferencesTheCustomersReferencesAndTheirMessageTrimmedToRootAndNewest() {
        assertThat(MailReplies.references("a@x b@x", "c@x")).containsExactly("a@x", "b@x", "c@x");
        assertThat(MailReplies.references(null, "c@x")).containsExactly("c@x");
        List<String> many = MailReplies.references(String.join(" ", java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> "r" + i + "@x").toList()), "last@x");
        assertThat(many).hasSize(20).startsWith("r0@x").endsWith("last@x");
    }
}
