package io.kefu.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The container hands a long WebSocket message over in parts ({@code supportsPartialMessages});
 * {@link ChatConnections}' decorator counts them against {@code max-frame-bytes} and hands STOMP
 * one whole message. Driven here part by part, as Tomcat does with its 8 KiB buffers (the Spring
 * Boot test server takes such messages whole, so the journeys do not reach this path).
 */
class ChatMessagePartsTest {

    private static final int MAX_FRAME_BYTES = 1_000;

    private final List<WebSocketMessage<?>> delivered = new ArrayList<>();
    private final WebSocketHandler decorated = new ChatConnections(null, null,
            new ChatProperties(List.of(), MAX_FRAME_BYTES, 5, null, null, null, 500, null, 65536), null, null)
            .decorate(new AbstractWebSocketHandler() {
                @Override
                public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
                    delivered.add(message);
                }
            });
    private final WebSocketSession session = mock(WebSocketSession.class);
    private final Map<String, Object> attributes = new HashMap<>();

    ChatMessagePartsTest() {
        when(session.getAttributes()).thenReturn(attributes);
    }

    @Test
    void asksForPartsAndJoinsATextMessageBeforeStompReadsIt() throws Exception {
        assertThat(decorated.supportsPartialMessages()).isTrue();
        String frame = "SEND\ndestination:/app/chat.send\n\n{\"text\":\"包😀\"}\0";
        decorated.handleMessage(session, new TextMessage(frame.substring(0, 20), false));
        decorated.handleMessage(session, new TextMessage(frame.substring(20, 40), false));
        assertThat(delivered).as("nothing before the last part").isEmpty();
        decorated.handleMessage(session, new TextMessage(frame.substring(40), true));

        assertThat(delivered).singleElement().isInstanceOfSatisfying(TextMessage.class,
                m -> assertThat(m.getPayload()).isEqualTo(frame));
        // The next message starts afresh, and one that comes whole passes as it is.
        TextMessage whole = new TextMessage("SEND\ndestination:/app/chat.typing\n\n{}\0");
        decorated.handleMessage(session, whole);
        assertThat(delivered).hasSize(2).last().isSameAs(whole);
    }

    @Test
    void joinsABinaryMessage() throws Exception {
        byte[] frame = "SEND\ndestination:/app/chat.send\n\n{\"text\":\"包\"}\0".getBytes(StandardCharsets.UTF_8);
        decorated.handleMessage(session, new BinaryMessage(java.util.Arrays.copyOfRange(frame, 0, 30), false));
        decorated.handleMessage(session, new BinaryMessage(java.util.Arrays.copyOfRange(frame, 30, frame.length), true));

        assertThat(delivered).singleElement().isInstanceOfSatisfying(BinaryMessage.class,
                m -> assertThat(m.getPayload().array()).isEqualTo(frame));
    }

    @Test
    void partsOverTheFrameLimitCloseWith1009AndNothingReachesStomp() throws Exception {
        decorated.handleMessage(session, new TextMessage("SEND\ndestination:/app/chat.send\n\n" + "x".repeat(600), false));
        decorated.handleMessage(session, new TextMessage("x".repeat(600), false));

        verify(session).close(CloseStatus.TOO_BIG_TO_PROCESS.withReason("Frame over " + MAX_FRAME_BYTES + " bytes"));
        assertThat(delivered).isEmpty();
        assertThat(attributes).as("the parts so far are let go").doesNotContainKey(ChatConnections.class.getName() + ".parts");
    }
}
