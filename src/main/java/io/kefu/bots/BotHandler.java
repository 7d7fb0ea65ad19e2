package io.kefu.bots;

/** One built-in bot: the work behind one external-task topic. */
interface BotHandler {

    /** The topic it works on. */
    String topic();

    /**
     * Whether its work and the task's completion must commit together (it writes to Kefu's own
     * database, e.g. a message to the customer); otherwise it runs outside a transaction (a remote
     * call that must not hold a connection) and relies on the receiver's idempotency.
     */
    default boolean transactional() {
        return false;
    }

    /**
     * Does the work. Throws {@link BotFailure} (or any runtime exception) on a technical failure.
     */
    BotOutcome work(BotTask task);
}
