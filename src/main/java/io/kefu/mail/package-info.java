/**
 * The e-mail channel. {@link io.kefu.mail.MailParser} reads a raw message as it really arrives: the
 * sender (RFC 2047 encoded names), the threading keys ({@code Message-ID}, {@code In-Reply-To},
 * {@code References}, the {@code [#123]} ticket token in the subject), the text (plain text
 * preferred over HTML, HTML reduced to safe text with jsoup, the common Chinese and Western
 * charsets), the part a triage model should read (quoted replies and signatures trimmed), the
 * attachments and inline images, and whether the message is automatic (an auto-reply, a bounce,
 * bulk mail) and so must never open a ticket or be answered.
 *
 * <p>The Camel route {@code mail-inbound} reads the support mailbox over IMAP
 * ({@code KEFU_MAIL_IMAP_URL}) and {@link io.kefu.mail.MailIntake} stores each message through
 * intake as an {@code EMAIL} message, on the ticket its thread continues ({@link io.kefu.mail.MailThreading},
 * the sender's own tickets only), with its files in the attachment store, once per Message-ID and
 * mailbox; a message is marked seen only once stored. Triage and the bot read an e-mail's new part
 * without its quoted history ({@link io.kefu.mail.MailTriageText}), the transcript keeps it whole. Outbound messages of {@code EMAIL} tickets
 * are queued in the reply's transaction ({@link io.kefu.mail.MailReplies}) and sent over SMTP
 * ({@code KEFU_MAIL_SMTP_URL}, route {@code mail-send}) by {@link io.kefu.mail.MailSender} with
 * retry and back-off, in the customer's thread. docs/CHANNELS.md, "E-mail", has the settings and
 * the rules.
 */
package io.kefu.mail;
