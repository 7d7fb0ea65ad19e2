package io.kefu.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue notice's text: who is ahead and the wait in whole minutes, in the ticket's language. */
class QueueNoticeTextTest {

    @Test
    void chineseIsTheDefaultAndTheWaitIsRoundedUpToMinutes() {
        assertThat(ChatPush.queueText("zh", 4, false, 110L)).isEqualTo("您前面还有 3 位客户，预计等待约 2 分钟");
        assertThat(ChatPush.queueText(null, 4, false, 110L)).isEqualTo("您前面还有 3 位客户，预计等待约 2 分钟");
    }

    @Test
    void englishTicketsGetEnglishWithSingularAndPlural() {
        assertThat(ChatPush.queueText("en", 4, false, 120L)).isEqualTo("3 customers ahead of you, about 2 minutes");
        assertThat(ChatPush.queueText("en", 2, false, 20L)).isEqualTo("1 customer ahead of you, about 1 minute");
    }

    @Test
    void theFirstInLineIsToldTheyAreNext() {
        assertThat(ChatPush.queueText("en", 1, false, 30L)).isEqualTo("You are next in line, about 1 minute");
        assertThat(ChatPush.queueText("zh", 1, false, 30L)).isEqualTo("下一位就是您，预计等待约 1 分钟");
    }

    @Test
    void anUnknownWaitIsLeftOut() {
        assertThat(ChatPush.queueText("en", 3, false, null)).isEqualTo("2 customers ahead of you");
        assertThat(ChatPush.queueText("zh", 3, false, null)).isEqualTo("您前面还有 2 位客户");
    }

    @Test
    void aTicketFurtherBackThanPlacesAreToldHearsMoreThanTheDepthAndAtLeastTheWait() {
        assertThat(ChatPush.queueText("en", 101, true, 1_810L)).isEqualTo("More than 100 customers ahead of you, at least 31 minutes");
        assertThat(ChatPush.queueText("en", 101, true, null)).isEqualTo("More than 100 customers ahead of you");
        assertThat(ChatPush.queueText("zh", 101, true, 1_810L)).isEqualTo("您前面还有超过 100 位客户，预计至少等待 31 分钟");
        assertThat(ChatPush.queueText("zh", 101, true, null)).isEqualTo("您前面还有超过 100 位客户");
    }
}
