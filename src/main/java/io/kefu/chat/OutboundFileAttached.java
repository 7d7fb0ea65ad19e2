package io.kefu.chat;

/**
 * An agent's file was stored with its outbound message ({@link AttachmentService#fromAgent}), in
 * the transaction that stored both, after the message's channel queued its text (the file's name):
 * a channel that can carry the file itself (the messengers' media messages) turns that queued text
 * into the file.
 *
 * @param channel the channel the message goes out on
 */
public record OutboundFileAttached(long messageId, long attachmentId, String channel, String contentType,
        String fileName) {
}
