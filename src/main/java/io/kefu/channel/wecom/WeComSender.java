package io.kefu.channel.wecom;

import java.util.Set;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.kefu.channel.callback.OutboundQueue;
import io.kefu.channel.callback.OutboundQueue.Outcome;
import io.kefu.ticket.Channel;

/**
 * Sends queued WeCom replies through {@code /cgi-bin/message/send} as the application, from the
 * {@link OutboundQueue} (in order per user, retried with back-off while WeCom is down). WeCom's
 * refusals no retry can fix end the part as {@code REFUSED} with the errcode.
 */
@Component
class WeComSender {

    /**
     * errcodes a retry cannot fix: the user is not (or no longer) in the application's visible
     * range (81013), no privilege (60011), wrong AgentId (40056), no valid recipient (82001).
     */
    private static final Set<Integer> FINAL = Set.of(81013, 60011, 40056, 82001);

    /** What WeCom's image messages take; anything else goes as a file message. */
    private static final Set<String> IMAGES = Set.of("image/png", "image/jpeg", "image/gif");

    private final OutboundQueue queue;
    private final WeComApi api;
    private final WeComProperties settings;
    private final io.kefu.chat.AttachmentService attachments;

    WeComSender(OutboundQueue queue, WeComApi api, WeComProperties settings, io.kefu.chat.AttachmentService attachments) {
        this.queue = queue;
        this.api = api;
        this.settings = settings;
        this.attachments = attachments;
    }

    @Scheduled(fixedDelayString = "${kefu.wecom.send-poll-interval:PT1S}")
    void poll() {
        if (settings.enabled()) {
            sendDue();
        }
    }

    /** Sends what is due now; returns how many parts were sent. */
    int sendDue() {
        return queue.sendDue(Channel.WECOM.name(), settings.maxAttempts(), row -> {
            int errcode;
            if (row.attachmentId() != null) {
                var stored = attachments.find(row.attachmentId()).orElse(null);
                if (stored == null) {
                    return Outcome.refused("attachment " + row.attachmentId() + " is gone");
                }
                String type = IMAGES.contains(stored.attachment().contentType()) ? "image" : "file";
                errcode = api.sendMedia(row.recipient(), type, stored.attachment().name(), stored.attachment().contentType(),
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
