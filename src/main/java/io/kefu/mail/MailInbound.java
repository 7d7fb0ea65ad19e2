package io.kefu.mail;

import java.io.ByteArrayOutputStream;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * The step of the {@code mail-inbound} route ({@code integrations/channels/mail-inbound.camel.yaml})
 * that hands each message read from the mailbox to {@link MailIntake}: its raw bytes, as the server
 * keeps them. The route reads with {@code peek}, so the message is marked seen only when this step
 * returns; an exception (the database is down) leaves it unseen for the next poll.
 */
@Component("mailInbound")
class MailInbound implements Processor {

    private final MailIntake intake;
    private final String mailbox;

    MailInbound(MailIntake intake, MailProperties settings) {
        settings.check();
        this.intake = intake;
        this.mailbox = settings.imap().map(MailServer::mailbox).orElse(null);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        jakarta.mail.Message message = exchange.getIn().getBody(jakarta.mail.Message.class);
        if (message == null) {
            throw new IllegalStateException("mail-inbound must read with mapMailMessage=false: the body is no jakarta.mail.Message");
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        MailIntake.Result result = intake.receive(mailbox, raw.toByteArray());
        exchange.getIn().setHeader("kefuMailOutcome", result.outcome().name());
    }
}
