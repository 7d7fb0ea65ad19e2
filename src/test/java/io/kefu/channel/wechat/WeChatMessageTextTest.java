package io.kefu.channel.wechat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an agent reads of each message type, and the ids that make a repeated callback one message. */
class WeChatMessageTextTest {

    @Test
    void readsEachMessageTypeAsTheAgentSeesIt() {
        assertThat(WeChatInbound.text(Map.of("MsgType", "text", "Content", "你好"))).contains("你好");
        assertThat(WeChatInbound.text(Map.of("MsgType", "image", "PicUrl", "http://mmbiz.qpic.cn/x", "MediaId", "m1")))
                .contains("[image] http://mmbiz.qpic.cn/x");
        assertThat(WeChatInbound.text(Map.of("MsgType", "voice", "MediaId", "m2", "Recognition", "查一下订单")))
                .contains("[voice] 查一下订单");
        assertThat(WeChatInbound.text(Map.of("MsgType", "voice", "MediaId", "m2"))).contains("[voice] m2");
        assertThat(WeChatInbound.text(Map.of("MsgType", "event", "Event", "subscribe"))).contains("[subscribed]");
        assertThat(WeChatInbound.text(Map.of("MsgType", "event", "Event", "CLICK", "EventKey", "V1001_ORDER")))
                .contains("[menu] V1001_ORDER");
        assertThat(WeChatInbound.text(Map.of("MsgType", "event", "Event", "unsubscribe"))).isEqualTo(Optional.empty());
        assertThat(WeChatInbound.text(Map.of("MsgType", "location"))).isEmpty();
        assertThat(WeChatInbound.text(Map.of("MsgType", "text", "Content", "  "))).isEmpty();
    }

    @Test
    void aMessageIsKnownByItsMsgIdAndAnEventBySenderTimeAndEvent() {
        assertThat(WeChatInbound.clientMessageId(Map.of("MsgId", "1234567890123456"))).isEqualTo("wx:1234567890123456");
        Map<String, String> click = Map.of("FromUserName", "oUser", "CreateTime", "1409304348", "Event", "CLICK",
                "EventKey", "V1001_ORDER");
        String id = WeChatInbound.clientMessageId(click);
        assertThat(id).startsWith("wxe:").hasSizeLessThanOrEqualTo(64).isEqualTo(WeChatInbound.clientMessageId(click));
        assertThat(WeChatInbound.clientMessageId(Map.of("FromUserName", "oUser", "CreateTime", "1409304349",
                "Event", "CLICK", "EventKey", "V1001_ORDER"))).isNotEqualTo(id);
    }
}
