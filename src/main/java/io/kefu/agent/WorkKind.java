package io.kefu.agent;

import io.kefu.ticket.Channel;

/** The two kinds of work an agent's capacity is counted in. */
public enum WorkKind {
    /** Live conversations: WEB, APP, WECHAT, WECOM, DINGTALK and API. */
    CHAT,
    /** E-mail-like work the customer does not wait for live: EMAIL. */
    EMAIL;

    /** The kind of work a ticket of this channel is. */
    public static WorkKind of(Channel channel) {
        return channel == Channel.EMAIL ? EMAIL : CHAT;
    }
}
