package io.kefu.chat;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.converter.MappingJackson2MessageConverter;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import io.kefu.config.StrictJson;

/**
 * STOMP over WebSocket: {@code /chat/ws} for visitors (any page whose origin the channel allows,
 * {@link ChatHandshake}), {@code /workspace/ws} for agents (Kefu's own pages only, signed in).
 * Clients send to {@code /app/…}; Kefu pushes to {@code /user/queue/…} (one customer's or agent's
 * connections) and {@code /topic/tickets.<id>}, {@code /topic/queues.<queue>}. Those names are
 * what RabbitMQ's STOMP plugin routes as well, so {@code enableStompBrokerRelay} can replace the
 * simple broker for several nodes without a change to any client.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class ChatWebSocketConfig implements WebSocketMessageBrokerConfigurer {

    /** Heart-beats both ways, in ms: a dropped connection is noticed within ~2 of them. */
    private static final long HEARTBEAT_MS = 10_000;

    private final ChatChannels channels;
    private final ChatConnections connections;
    private final ChatProperties properties;
    private final ObjectMapper json;
    private final TaskScheduler scheduler;

    ChatWebSocketConfig(ChatChannels channels, ChatConnections connections, ChatProperties properties,
            ObjectMapper json, @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler scheduler) {
        this.channels = channels;
        this.connections = connections;
        this.properties = properties;
        this.json = json;
        this.scheduler = scheduler;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        // Origins are checked per channel key by ChatHandshake; "*" only turns Spring's own check off.
        registry.addEndpoint("/chat/ws").setAllowedOriginPatterns("*").addInterceptors(new ChatHandshake(channels));
        // No allowed origins: Spring accepts the same origin only.
        registry.addEndpoint("/workspace/ws");
        // Frames of one connection are handled one after the other, in the order they came.
        registry.setPreserveReceiveOrder(true);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        registry.enableSimpleBroker("/topic", "/queue")
                .setHeartbeatValue(new long[] {HEARTBEAT_MS, HEARTBEAT_MS})
                .setTaskScheduler(scheduler)
                // No client uses STOMP selectors: each send skips evaluating them per subscription.
                .setSelectorHeaderName(null);
        // Destinations whose subscribers the broker keeps resolved. Every visitor has its own queue
        // and ticket topic; with Spring's default of 1,024 a few thousand connections evict each
        // other and every push scans all subscriptions again (bench P5 at 2,000 connections).
        registry.setCacheLimit(properties.brokerCacheLimit());
        // Frames of one connection leave in the order they were sent (a resume, then live messages).
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(connections);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(properties.maxFrameBytes())
                .setSendBufferSizeLimit(512 * 1024)
                .setSendTimeLimit(10_000)
                .addDecoratorFactory(connections);
    }

    @Override
    public boolean configureMessageConverters(List<MessageConverter> converters) {
        // Boot's mapper (ISO-8601 times, absent fields left out), reading strictly: an unknown
        // field is a bad frame, answered with an error frame.
        MappingJackson2MessageConverter converter = new MappingJackson2MessageConverter();
        converter.setObjectMapper(StrictJson.copyOf(json));
        // First: Spring Boot adds its own (lenient) Jackson converter too.
        converters.add(0, converter);
        return false;
    }
}
