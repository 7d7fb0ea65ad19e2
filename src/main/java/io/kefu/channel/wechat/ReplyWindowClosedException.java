package io.kefu.channel.wechat;

import java.time.Duration;
import java.time.Instant;

import io.kefu.conversation.ReplyRefusedException;

/**
 * An agent's reply to a WeChat customer whose last message is older than the platform's reply
 * window (48 hours): the platform would refuse it (errcode 45015), so it is refused here, before
 * anything is stored, with a sentence the agent can act on (409).
 */
public class ReplyWindowClosedException extends ReplyRefusedException {

    ReplyWindowClosedException(long ticketId, Instant lastMessage, Duration window) {
        super("channel.wechat.reply-window-closed", "WeChat only lets you reply within " + window.toHours() + " hours of the customer's last message;"
                + " the customer's last message on ticket " + ticketId + " was at " + lastMessage
                + ". The reply was not sent: wait for the customer to write again, or reach them on another channel.");
    }
}
