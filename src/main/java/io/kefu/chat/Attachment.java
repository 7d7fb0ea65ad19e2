package io.kefu.chat;

/**
 * A file attached to a message, as the transcript and the widget show it.
 *
 * @param id          the attachment
 * @param messageId   the message it belongs to
 * @param name        the file name the sender gave (shown, never used to decide the type)
 * @param contentType the type detected from the bytes
 * @param size        bytes
 * @param image       whether it is an image (shown inline, with a thumbnail)
 */
public record Attachment(long id, long messageId, String name, String contentType, long size, boolean image) {
}
