package io.kefu.channel.wechat;

import java.util.Set;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.kefu.channel.callback.OutboundQueue;
import io.kefu.channel.callback.OutboundQueue.Outcome;
import io.kefu.ticket.Channel;

/**
 * Sends queued WeChat replies through the customer-service message API
 * ({@code /cgi-bin/message/custom/send}) from the {@link OutboundQueue}: in order per openid,
 * retried with doubling back-off while the platform is down (a reply is delayed, never lost), given
 * up as {@code FAILED} after {@code max-attempts}. The platform's refusals that no retry can fix end
 * the part as {@code REFUSED} with the errcode.
 */
@Component
class WeChatSender {

    /**
     * errcodes a retry cannot fix: out of the 48 h window (45015), sending not allowed (45047,
     * 48001), the user unfollowed (43004), not an openid of this account (40003).
     */
    private static final Set<Integer> FINAL = Set.of(45015, 45047, 43004, 40003, 48001);

    private final OutboundQueue queue;
    private final WeChatApi api;
    private final WeChatProperties settings;
    private final io.kefu.chat.AttachmentService attachments;

    WeChatSender(OutboundQueue queue, WeChatApi api, WeChatProperties settings, io.kefu.chat.AttachmentService attachments) {
        this.queue = queue;
        this.api = api;
        this.settings = settings;
        this.attachments = attachments;
    }

    @Scheduled(fixedDelayString = "${kefu.wechat.send-poll-interval:PT1S}")
    void poll() {
        if (settings.enabled()) {
            sendDue();
        }
    }

    /** Sends what is due now; returns how many parts were sent. */
    int sendDue() {
        return queue.sendDue(Channel.WECHAT.name(), settings.maxAttempts(), row -> {
            int errcode;
            if (row.attachmentId() != null) {
                var stored = attachments.find(row.attachmentId()).orElse(null);
                if (stored == null) {
                    return Outcome.refused("attachment " + row.attachmentId() + " is gone");
                }
                errcode = api.sendImage(row.recipient(), stored.attachment().name(), stored.attachment().contentType(),
                        attachments.read(stored, false));
            } else {
                errcode = api.sendText(row.recipient(), row.body());
            }
            if (errcode == 0) {
                return Outcome.delivered();
            }
            return FINAL.contains(errcode) ? Outcome.refused("errcode " + errcode) : Outcome.retry("errcode " + errcode);
        });
    }
}
