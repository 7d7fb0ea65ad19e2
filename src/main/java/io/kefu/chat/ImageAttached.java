package io.kefu.chat;

/** A customer attached an image to a message of a ticket already open: it is read after the commit. */
record ImageAttached(long attachmentId) {
}
