package io.kefu.config;

import java.util.concurrent.RunnableScheduledFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The background tasks ({@code @Scheduled}: outbox relay, senders, bots, SLA watch, refreshes) run on
 * their own threads, not on the STOMP broker's scheduler, whose threads send the chat connections'
 * heartbeats: a slow round of one poller must not hold those back.
 */
@SpringBootTest
class SchedulingThreadsTest {

    @Autowired
    @Qualifier("taskScheduler")
    ThreadPoolTaskScheduler tasks;

    @Autowired
    @Qualifier("messageBrokerTaskScheduler")
    ThreadPoolTaskScheduler broker;

    @Test
    void theScheduledTasksRunOnTheirOwnPoolNotOnTheChatBrokers() {
        assertThat(tasks).isNotSameAs(broker);
        assertThat(tasks.getPoolSize()).as("spring.task.scheduling.pool.size").isEqualTo(4);
        assertThat(tasks.getThreadNamePrefix()).isEqualTo("kefu-scheduled-");
        // Every @Scheduled method of the context sits in this pool's queue as a periodic task.
        long periodic = tasks.getScheduledThreadPoolExecutor().getQueue().stream()
                .filter(task -> task instanceof RunnableScheduledFuture<?> future && future.isPeriodic()).count();
        assertThat(periodic).as("periodic tasks on the background pool").isGreaterThanOrEqualTo(10);
        long onBroker = broker.getScheduledThreadPoolExecutor().getQueue().size();
        assertThat(onBroker).as("tasks on the broker's scheduler (heartbeat checks only)").isLessThan(3);
    }
}
