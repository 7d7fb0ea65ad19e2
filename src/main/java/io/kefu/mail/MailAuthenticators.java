package io.kefu.mail;

import jakarta.mail.PasswordAuthentication;

import org.apache.camel.component.mail.MailAuthenticator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the mail routes sign in: {@code authenticator=#kefuImapAuthenticator} and
 * {@code #kefuSmtpAuthenticator} in {@code integrations/channels/}. The user name and password come
 * from the URLs' decoded user info, here in Java, so no endpoint URI carries them.
 */
@Configuration(proxyBeanMethods = false)
class MailAuthenticators {

    @Bean
    MailAuthenticator kefuImapAuthenticator(MailProperties settings) {
        return new FromUrl(settings, true);
    }

    @Bean
    MailAuthenticator kefuSmtpAuthenticator(MailProperties settings) {
        return new FromUrl(settings, false);
    }

    /** Reads the URL when a route signs in (the channel may be off, and then nobody asks). */
    private static final class FromUrl extends MailAuthenticator {

        private final MailProperties settings;
        private final boolean imap;

        FromUrl(MailProperties settings, boolean imap) {
            this.settings = settings;
            this.imap = imap;
        }

        @Override
        public PasswordAuthentication getPasswordAuthentication() {
            MailServer server = (imap ? settings.imap() : settings.smtp())
                    .orElseThrow(() -> new IllegalStateException("The e-mail channel is off (KEFU_MAIL_IMAP_URL unset)"));
            return new PasswordAuthentication(server.username(), server.password());
        }

        @Override
        public String toString() {
            return imap ? "IMAP sign-in from KEFU_MAIL_IMAP_URL" : "SMTP sign-in from KEFU_MAIL_SMTP_URL";
        }
    }
}
