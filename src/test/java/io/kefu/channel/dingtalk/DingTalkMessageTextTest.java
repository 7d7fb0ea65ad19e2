package io.kefu.channel.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an agent reads of each DingTalk robot message type, and the ids that make a repeated message one. */
class DingTalkMessageTextTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsEachMessageTypeAsTheAgentSeesIt() throws Exception {
        assertThat(DingTalkInbound.text(read("{\"msgtype\":\"text\",\"text\":{\"content\":\" 打印机又卡纸了 \"}}")))
                .contains("打印机又卡纸了");
        assertThat(DingTalkInbound.text(read("{\"msgtype\":\"picture\",\"content\":{\"downloadCode\":\"dc1\"}}")))
                .contains("[picture] dc1");
        assertThat(DingTalkInbound.text(read("{\"msgtype\":\"audio\",\"content\":{\"recognition\":\"查一下工单\",\"downloadCode\":\"dc2\"}}")))
                .contains("[audio] 查一下工单");
        assertThat(DingTalkInbound.text(read("{\"msgtype\":\"file\",\"content\":{\"fileName\":\"报错截图.zip\"}}")))
                .contains("[file] 报错截图.zip");
        assertThat(DingTalkInbound.text(read("{\"msgtype\":\"richText\",\"content\":{\"richText\":[{\"text\":\"看这里\"},"
                + "{\"downloadCode\":\"dc3\",\"type\":\"picture\"}]}}"))).contains("看这里 [picture] dc3");
        assertThat(DingTalkInbound.text(read("{\"msgtype\":\"text\",\"text\":{\"content\":\"  \"}}"))).isEmpty();
        assertThat(DingTalkInbound.text(read("{\"msgtype\":\"interactiveCard\"}"))).isEmpty();
    }

    @Test
    void aMessageIsKnownByItsMsgId() throws Exception {
        assertThat(DingTalkInbound.clientMessageId(read("{\"msgId\":\"msgVZ4c0mGxTn6RyK1AZ/xwvw==\"}")))
                .isEqualTo("dt:msgVZ4c0mGxTn6RyK1AZ/xwvw==");
        String long64 = "m".repeat(80);
        assertThat(DingTalkInbound.clientMessageId(read("{\"msgId\":\"" + long64 + "\"}")))
                .startsWith("dth:").hasSizeLessThanOrEqualTo(64);
        assertThat(DingTalkInbound.clientMessageId(read("{}"))).isNull();
    }

    private JsonNode read(String text) throws Exception {
        return json.readTree(text);
    }
}
