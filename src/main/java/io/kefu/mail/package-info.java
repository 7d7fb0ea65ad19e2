/**
 * The e-mail channel. This first part reads a raw message as it really arrives: the sender (RFC
 * 2047 encoded names), the threading keys ({@code Message-ID}, {@code In-Reply-To},
 * {@code References}, the {@code [#123]} ticket token in the subject), the text (plain text
 * preferred over HTML, HTML reduced to safe text with jsoup, the common Chinese and Western
 * charsets), the part a triage model should read (quoted replies and signatures trimmed), the
 * attachments and inline images, and whether the message is automatic (an auto-reply, a bounce,
 * bulk mail) and so must never open a ticket or be answered.
 */
package io.kefu.mail;
