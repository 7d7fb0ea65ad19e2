package io.kefu.mail;

import java.io.ByteArrayOutputStream;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.mail.MailConstants;
import org.springframework.stereotype.Component;

/**
 * The step of the {@code mail-inbound} route ({@code integrations/channels/mail-inbound.camel.yaml})
 * that hands each message read from the mailbox to {@link MailIntake}: its raw bytes, as the server
 * keeps them. The route reads with {@code peek}, so the message is marked seen only when this step
 * returns; an exception (the database is down) leaves it unseen for the next poll. With
 * {@code KEFU_MAIL_PROCESSED_FOLDER} set, the step also tells Camel's mail consumer to move the
 * message there, which it does in the same commit as marking it seen: only a message this step
 * returned for (stored, or recorded as automatic or unreadable, or known before) is moved.
 */
@Component("mailInbound")
class MailInbound implements Processor {

    private final MailIntake intake;
    private final String mailbox;
    private final String processedFolder;

    MailInbound(MailIntake intake, MailProperties settings) {
        settings.check();
        this.intake = intake;
        this.mailbox = settings.imap().map(MailServer::mailbox).orElse(null);
        this.processedFolder = settings.processedFolderName().orElse(null);
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
        // Camel's mail consumer reads these headers when it commits the message: only Kefu decides
        // what becomes of a message in the mailbox (copy, move, delete), never a header that came with it.
        exchange.getIn().removeHeader(MailConstants.MAIL_COPY_TO);
        exchange.getIn().removeHeader(MailConstants.MAIL_DELETE);
        if (processedFolder != null) {
            exchange.getIn().setHeader(MailConstants.MAIL_MOVE_TO, processedFolder);
        } else {
            exchange.getIn().removeHeader(MailConstants.MAIL_MOVE_TO);
        }
    }
}
