package io.kefu.ticket;

/** Who resolved a ticket: an agent, or the bot from the knowledge base (a deflection). */
public enum Resolver {
    AGENT, BOT
}
