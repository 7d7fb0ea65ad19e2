package io.kefu.mail;

import java.util.List;
import java.util.Optional;

/**
 * One e-mail as Kefu reads it.
 *
 * @param messageId    its {@code Message-ID} without angle brackets, or null when it has none
 * @param inReplyTo    the {@code In-Reply-To} ids, without angle brackets
 * @param references   the {@code References} ids, oldest first, without angle brackets
 * @param fromAddress  the sender's address, lower case
 * @param fromName     the sender's display name (decoded), or null
 * @param subject      the decoded subject, or "" when it has none
 * @param ticketToken  the ticket id of a {@code [#123]} token in the subject, or null
 * @param text         everything the customer's message says, quotes and signature included (the transcript)
 * @param triageText   the new part only: quoted replies and the signature trimmed (what triage reads)
 * @param attachments  attached files and inline images, in the order they appear
 * @param automatic    why the message is automatic (an auto-reply, a bounce, bulk mail), or null for a person's mail
 */
public record ParsedMail(String messageId, List<String> inReplyTo, List<String> references, String fromAddress,
        String fromName, String subject, Long ticketToken, String text, String triageText,
        List<MailAttachment> attachments, String automatic) {

    /** Why no ticket may be opened and no answer sent, if the message is automatic. */
    public Optional<String> automaticReason() {
        return Optional.ofNullable(automatic);
    }

    /**
     * Every id this message says it continues: {@code In-Reply-To} first, then {@code References}
     * newest first, without repeats.
     */
    public List<String> threadIds() {
        java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>(inReplyTo);
        List<String> newestFirst = new java.util.ArrayList<>(references);
        java.util.Collections.reverse(newestFirst);
        ids.addAll(newestFirst);
        return List.copyOf(ids);
    }

    /**
     * A file carried by an e-mail.
     *
     * @param fileName    the name its sender gave (decoded), or null
     * @param declaredType the MIME type the message declares (the attachment store detects its own from the bytes)
     * @param bytes       the decoded content
     * @param inline      whether it is shown inside the message ({@code Content-Disposition: inline} with a
     *                    {@code Content-ID}, e.g. an image in an HTML mail)
     */
    public record MailAttachment(String fileName, String declaredType, byte[] bytes, boolean inline) {
    }
}
