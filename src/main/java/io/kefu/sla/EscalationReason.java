package io.kefu.sla;

/** Why a ticket climbed a level of the escalation ladder. */
public enum EscalationReason {
    /** {@code rules/escalation.drl} escalated at once: a VIP complaint, a strongly negative customer. */
    RULES,
    /** The first-response target passed without an agent's reply. */
    FIRST_RESPONSE_DUE,
    /** The level below had its time and still no agent replied. */
    STILL_UNANSWERED
}
