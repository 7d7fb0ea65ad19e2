package io.kefu.channel.dingtalk;

import io.kefu.conversation.ReplyRefusedException;

/**
 * An agent's reply to a DingTalk sender outside the organisation whose conversation link (the
 * session webhook DingTalk hands out with each message, valid for about an hour and a half) has
 * expired: DingTalk's robot API reaches members by staff id only, so nothing could deliver it. It
 * is refused here, before anything is stored, with a sentence the agent can act on (409).
 */
public class ReplyUnreachableException extends ReplyRefusedException {

    ReplyUnreachableException(long ticketId) {
        super("channel.dingtalk.reply-unreachable", "DingTalk can no longer deliver a reply on ticket " + ticketId
                + ": the customer is not a member of your organisation (no staff id) and the conversation link DingTalk gave"
                + " with their last message has expired. The reply was not sent: wait for the customer to write again,"
                + " or reach them on another channel.");
    }
}
