package io.kefu.channel.wecom;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an agent reads of each WeCom message type, and the ids that make a repeated callback one message. */
class WeComMessageTextTest {

    @Test
    void readsEachMessageTypeAsTheAgentSeesIt() {
        assertThat(WeComInbound.text(Map.of("MsgType", "text", "Content", " 你好 "))).contains("你好");
        assertThat(WeComInbound.text(Map.of("MsgType", "image", "PicUrl", "https://wework.qpic.cn/x", "MediaId", "m1")))
                .contains("[image] https://wework.qpic.cn/x");
        assertThat(WeComInbound.text(Map.of("MsgType", "voice", "MediaId", "m2"))).contains("[voice] m2");
        assertThat(WeComInbound.text(Map.of("MsgType", "link", "Title", "订单", "Url", "https://shop.example/o/1")))
                .contains("[link] 订单 https://shop.example/o/1");
        assertThat(WeComInbound.text(Map.of("MsgType", "event", "Event", "click", "EventKey", "ORDER")))
                .contains("[menu] ORDER");
        assertThat(WeComInbound.text(Map.of("MsgType", "event", "Event", "enter_agent"))).isEmpty();
        assertThat(WeComInbound.text(Map.of("MsgType", "location"))).isEmpty();
        assertThat(WeComInbound.text(Map.of("MsgType", "text", "Content", "  "))).isEmpty();
    }

    @Test
    void aMessageIsKnownByItsMsgIdAndAnEventBySenderTimeAndEvent() {
        assertThat(WeComInbound.clientMessageId(Map.of("MsgId", "1234567890123456"))).isEqualTo("wecom:1234567890123456");
        Map<String, String> click = Map.of("FromUserName", "zhangsan", "CreateTime", "1409659813", "Event", "click",
                "EventKey", "ORDER");
        String id = WeComInbound.clientMessageId(click);
        assertThat(id).startsWith("wecome:").hasSizeLessThanOrEqualTo(64).isEqualTo(WeComInbound.clientMessageId(click));
        assertThat(WeComInbound.clientMessageId(Map.of("FromUserName", "zhangsan", "CreateTime", "1409659814",
                "Event", "click", "EventKey", "ORDER"))).isNotEqualTo(id);
    }
}
