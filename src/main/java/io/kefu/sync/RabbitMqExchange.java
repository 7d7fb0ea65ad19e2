package io.kefu.sync;

import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topic exchange the RabbitMQ destination publishes to, {@code kefu.tickets} (durable), only when
 * {@code kefu.sync.rabbitmq.url} is set. Declared as a bean rather than by the Camel endpoint: Spring
 * AMQP's admin declares it each time a connection opens — so after a broker restart too — and never
 * at start-up, so Kefu starts while the broker is down and the outbox delivers once it is back.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${kefu.sync.rabbitmq.url:}' != ''")
class RabbitMqExchange {

    /** The exchange's name, part of the contract with consumers (docs/INTEGRATIONS.md). */
    static final String NAME = "kefu.tickets";

    @Bean
    TopicExchange kefuTicketsExchange() {
        return ExchangeBuilder.topicExchange(NAME).durable(true).build();
    }
}
