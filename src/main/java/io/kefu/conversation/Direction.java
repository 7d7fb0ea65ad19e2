package io.kefu.conversation;

/** Who wrote a message: the customer (inbound) or the service side (outbound). */
public enum Direction {
    INBOUND, OUTBOUND
}
