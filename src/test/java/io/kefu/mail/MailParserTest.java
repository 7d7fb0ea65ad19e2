package io.kefu.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/** Raw messages from {@code src/test/resources/mail/} (see its README) read as Kefu reads them. */
class MailParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/mail/charsets.csv", delimiter = '|', numLinesToSkip = 1, encoding = "UTF-8")
    void readsTextSubjectAndNameInEachCharset(String file, String name, String subject, String text) {
        ParsedMail mail = parse(file);

        assertThat(mail.text()).isEqualTo(text);
        assertThat(mail.subject()).isEqualTo(subject);
        assertThat(mail.fromName()).isEqualTo(name);
        assertThat(mail.automaticReason()).isEmpty();
    }

    @Test
    void prefersPlainTextOfAnAlternativeAndTrimsQuoteAndSignatureForTriageOnly() {
        ParsedMail mail = parse("reply-alternative.eml");

        assertThat(mail.fromAddress()).isEqualTo("li.wei@customer.test");
        assertThat(mail.fromName()).isEqualTo("Li Wei");
        assertThat(mail.text()).startsWith("The tracking number still shows nothing. Can you call the courier?")
                .contains("Customer Test Ltd").contains("> Thank you, we are looking into parcel 4711.")
                .doesNotContain("<b>");
        assertThat(mail.triageText()).isEqualTo("The tracking number still shows nothing. Can you call the courier?\n\nLi Wei");
    }

    @Test
    void readsThreadingKeysAndTheTicketToken() {
        ParsedMail mail = parse("reply-alternative.eml");

        assertThat(mail.messageId()).isEqualTo("CAF=reply2@mail.customer.test");
        assertThat(mail.inReplyTo()).containsExactly("kefu-57-311@shop.test");
        assertThat(mail.references()).containsExactly("CAF=first@mail.customer.test", "kefu-57-311@shop.test");
        assertThat(mail.threadIds()).containsExactly("kefu-57-311@shop.test", "CAF=first@mail.customer.test");
        assertThat(mail.ticketToken()).isEqualTo(57L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Re: [#57] Parcel not delivered    | 57
            回复：[#1200] 退款                  | 1200
            Fwd: Re: [#9] x [#10]             | 9
            [57] no hash                      |
            Parcel #57                        |
            """)
    void findsTheTicketTokenInASubject(String subject, Long ticket) {
        assertThat(MailParser.token(subject)).isEqualTo(ticket);
    }

    @Test
    void reducesHtmlOnlyMailToSafeText() {
        ParsedMail mail = parse("html-only.eml");

        assertThat(mail.fromName()).isEqualTo("张三");
        assertThat(mail.subject()).isEqualTo("退货");
        assertThat(mail.text()).isEqualTo("我要退货，订单 9921。\n照片见订单页 (https://shop.test/orders/9921)。\n谢谢\n张三");
        assertThat(mail.text()).doesNotContain("alert").doesNotContain("<").doesNotContain("color");
    }

    @Test
    void keepsAttachmentsAndInlineImagesWithDecodedNames() {
        ParsedMail mail = parse("attachments.eml");

        assertThat(mail.text()).isEqualTo("The screen arrived broken, photo below and the receipt attached.");
        assertThat(mail.attachments()).hasSize(2);
        ParsedMail.MailAttachment photo = mail.attachments().get(0);
        assertThat(photo.fileName()).isEqualTo("photo.png");
        assertThat(photo.inline()).isTrue();
        assertThat(photo.declaredType()).isEqualTo("image/png");
        assertThat(photo.bytes()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        ParsedMail.MailAttachment receipt = mail.attachments().get(1);
        assertThat(receipt.fileName()).isEqualTo("发票.txt");
        assertThat(receipt.inline()).isFalse();
        assertThat(new String(receipt.bytes(), StandardCharsets.UTF_8)).isEqualTo("收据 4711: 1299.00 元");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            out-of-office.eml     | Auto-Submitted: auto-replied
            bulk.eml              | Precedence: bulk
            bounce.eml            | Auto-Submitted: auto-replied
            bounce-no-headers.eml | delivery status report (multipart/report)
            """)
    void recognisesAutomaticMail(String file, String reason) {
        assertThat(parse(file).automaticReason()).contains(reason);
    }

    @Test
    void recognisesMailerDaemonAndAutoreplyHeadersEachOnTheirOwn() {
        String daemon = "From: MAILER-DAEMON@mx.test\r\nSubject: failure\r\nContent-Type: text/plain\r\n\r\nfailed\r\n";
        String autoreply = "From: a@b.test\r\nX-Autorespond: 1\r\nSubject: x\r\n\r\naway\r\n";
        String person = "From: a@b.test\r\nAuto-Submitted: no\r\nPrecedence: first-class\r\nSubject: x\r\n\r\nhello\r\n";

        assertThat(MailParser.parse(daemon.getBytes(StandardCharsets.US_ASCII)).automaticReason())
                .contains("sender mailer-daemon@mx.test");
        assertThat(MailParser.parse(autoreply.getBytes(StandardCharsets.US_ASCII)).automaticReason())
                .contains("X-Autorespond: 1");
        assertThat(MailParser.parse(person.getBytes(StandardCharsets.US_ASCII)).automaticReason()).isEmpty();
    }

    @Test
    void refusesAMessageWithoutSender() {
        assertThatThrownBy(() -> parse("no-sender.eml")).isInstanceOf(MalformedMailException.class)
                .hasMessageContaining("no sender");
    }

    @Test
    void readsGbkTextLabelledGb2312() {
        // 镕 is in GBK, not in GB2312: clients label such text "gb2312" anyway.
        byte[] body = "朱镕基".getBytes(java.nio.charset.Charset.forName("GBK"));
        byte[] head = "From: a@b.test\r\nSubject: x\r\nContent-Type: text/plain; charset=gb2312\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] raw = new byte[head.length + body.length];
        System.arraycopy(head, 0, raw, 0, head.length);
        System.arraycopy(body, 0, raw, head.length, body.length);

        assertThat(MailParser.parse(raw).text()).isEqualTo("朱镕基");
    }

    private static ParsedMail parse(String file) {
        try (InputStream in = MailParserTest.class.getResourceAsStream("/mail/" + file)) {
            return MailParser.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
