package io.kefu.bots;

/**
 * A technical failure of a bot step (the ERP is down, answers 500, a configuration is missing):
 * reported with {@code handleFailure}, so the task is retried with back-off and becomes an incident
 * when no retries are left. Business outcomes are {@link BotOutcome.BusinessError}s instead.
 */
class BotFailure extends RuntimeException {

    BotFailure(String message) {
        super(message);
    }

    BotFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
