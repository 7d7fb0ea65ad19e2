package io.kefu.chat;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code kefu.chat.*}: the web chat's channels and the limits that keep a public door safe.
 *
 * @param channels                 the channel keys widgets may use (a key with a blank {@code key}
 *                                 is ignored, so an unset {@code KEFU_CHAT_CHANNEL_KEY} means none)
 * @param maxFrameBytes            largest STOMP frame a client may send; larger closes the connection
 * @param maxConnectionsPerVisitor live connections one visitor token may hold on this node
 * @param messagesPerVisitor       messages (and typing, receipts) per visitor
 * @param messagesPerAddress       the same per client address, all visitors together
 * @param visitorsPerAddress       new visitor tokens per client address
 * @param resumeBatch              most messages one resume answer carries (then {@code more: true})
 * @param attachments              uploads
 * @param brokerCacheLimit         destinations whose subscribers the simple broker keeps resolved
 *                                 (about two per live visitor and one per watched ticket)
 */
@ConfigurationProperties("kefu.chat")
public record ChatProperties(
        List<ChatChannel> channels,
        @DefaultValue("65536") int maxFrameBytes,
        @DefaultValue("5") int maxConnectionsPerVisitor,
        Rate messagesPerVisitor,
        Rate messagesPerAddress,
        Rate visitorsPerAddress,
        @DefaultValue("500") int resumeBatch,
        Attachments attachments,
        @DefaultValue("65536") int brokerCacheLimit) {

    public ChatProperties {
        channels = channels == null ? List.of()
                : channels.stream().filter(c -> c.key() != null && !c.key().isBlank()).toList();
        messagesPerVisitor = messagesPerVisitor != null ? messagesPerVisitor : new Rate(30, 10, Duration.ofSeconds(10));
        messagesPerAddress = messagesPerAddress != null ? messagesPerAddress : new Rate(300, 100, Duration.ofSeconds(10));
        visitorsPerAddress = visitorsPerAddress != null ? visitorsPerAddress : new Rate(30, 10, Duration.ofMinutes(1));
        attachments = attachments != null ? attachments : new Attachments(DataSize.ofMegabytes(10), null);
    }

    /**
     * A token bucket: {@code capacity} at once, then {@code refill} more per {@code period}.
     */
    public record Rate(long capacity, long refill, Duration period) {

        public Rate {
            if (capacity < 1 || refill < 1 || period == null || period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("A chat rate needs capacity >= 1, refill >= 1 and a positive period");
            }
        }
    }

    /**
     * @param maxSize largest attachment accepted (default 10 MB)
     * @param folder  where attachments are kept, content-addressed (default {@code <KEFU_HOME>/data/attachments})
     */
    public record Attachments(DataSize maxSize, String folder) {
    }
}
