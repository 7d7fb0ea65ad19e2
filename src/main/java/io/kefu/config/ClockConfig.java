package io.kefu.config;

import java.time.Clock;

import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The clock every feature reads (tests may replace it), and scheduling for background relays and
 * sweeps: the outbox relay, the channels' senders, the bots, the SLA watch, the rule and knowledge
 * refreshes.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ClockConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The {@code @Scheduled} tasks' own threads ({@code spring.task.scheduling.pool.size}). Without
     * this bean they would run on the first task scheduler the context has, the STOMP broker's (one
     * thread per core, also sending every chat connection's heartbeats): a slow round of one poller
     * (a platform that answers slowly, a database under load) then held back the others and the
     * heartbeats. Named {@code taskScheduler}, so {@code @EnableScheduling} picks it out of the two.
     */
    @Bean(name = "taskScheduler")
    ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
        return builder.build();
    }
}
