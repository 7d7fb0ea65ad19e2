package io.kefu.security;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.kefu.agent.AgentPresenceChanged;
import io.kefu.agent.AgentProfileChanged;
import io.kefu.knowledge.ArticleDeleted;
import io.kefu.knowledge.ArticlePublished;
import io.kefu.knowledge.ArticleUnpublished;
import io.kefu.routing.RoutingRulesReloaded;
import io.kefu.ticket.TicketLinkKind;
import io.kefu.ticket.TicketLinked;
import io.kefu.ticket.TicketNoteAdded;
import io.kefu.ticket.TicketMerged;
import io.kefu.ticket.TicketPriorityChanged;
import io.kefu.ticket.TicketTransferred;
import io.kefu.ticket.TicketUnassigned;

/**
 * Records in the audit log what features report through their domain events: knowledge-base
 * articles published, unpublished or deleted (once the change has committed), rule set changes
 * (reloads, file-watch reloads, rollbacks, versions adopted from another node, simulations; whether
 * the rules went live or were refused), agents' profile and presence changes.
 */
@Component
class DomainAudit {

    private final AuditLog audit;

    DomainAudit(AuditLog audit) {
        this.audit = audit;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ArticlePublished event) {
        audit.record("knowledge.publish", "article " + event.articleId(), AuditOutcome.SUCCESS, event.title());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ArticleUnpublished event) {
        audit.record("knowledge.unpublish", "article " + event.articleId(), AuditOutcome.SUCCESS, event.title());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ArticleDeleted event) {
        audit.record("knowledge.delete", "article " + event.articleId(), AuditOutcome.SUCCESS, event.title());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(AgentProfileChanged event) {
        var p = event.profile();
        audit.record("agent.update", "agent " + p.userId(), AuditOutcome.SUCCESS, "skills " + p.skills() + ", languages "
                + p.languages() + ", capacity chat " + p.capacity().chat() + " email " + p.capacity().email()
                + (p.workingHours() == null ? "" : ", working hours " + p.workingHours().timeZone()));
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(AgentPresenceChanged event) {
        audit.record("agent.presence", "agent " + event.userId(), AuditOutcome.SUCCESS,
                event.previous() + " -> " + event.presence());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketTransferred event) {
        audit.record("ticket.transfer", "ticket " + event.ticketId(), AuditOutcome.SUCCESS, event.fromQueue() + " ("
                + event.fromAssignee() + ") -> " + event.ticket().queue());
    }

    /** Given back to the queue: by its agent (unclaim), a supervisor, or the system (agent went offline). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketUnassigned event) {
        audit.record("ticket.unassign", "ticket " + event.ticketId(), AuditOutcome.SUCCESS, event.ticket().queue());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketPriorityChanged event) {
        audit.record("ticket.priority", "ticket " + event.ticketId(), AuditOutcome.SUCCESS,
                event.previous() + " -> " + event.ticket().priority());
    }

    /** Two customers joined by an agent: who went into whom (the merged one's external id stands for the other now). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(io.kefu.customer.CustomersMerged event) {
        audit.record("customer.merge", "customer " + event.intoId(), AuditOutcome.SUCCESS,
                "customer " + event.fromId() + " (" + event.fromExternalId() + ") merged into it");
    }

    /** An identity linked to a customer by hand: which kind, not the address (personal data). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(io.kefu.customer.IdentityLinked event) {
        audit.record("customer.link", "customer " + event.customerId(), AuditOutcome.SUCCESS,
                event.kind() + " linked to " + event.externalId());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketMerged event) {
        audit.record("ticket.merge", "ticket " + event.ticketId(), AuditOutcome.SUCCESS,
                "into ticket " + event.intoTicketId() + " by " + event.by());
    }

    /** Who wrote a note and when; not its text (internal, and the audit log is read more widely). */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketNoteAdded event) {
        audit.record("ticket.note", "ticket " + event.ticket().id(), AuditOutcome.SUCCESS, "note " + event.note().id());
    }

    /**
     * Two tickets linked as related, or unlinked; a new ticket intake linked as the follow-up of the
     * customer's closed one is recorded as Kefu's own act ({@code system}), whoever delivered the message.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TicketLinked event) {
        String action = event.linked() ? "ticket.link" : "ticket.unlink";
        String target = "ticket " + event.ticketId();
        if (event.linked() && event.kind() == TicketLinkKind.FOLLOW_UP_OF) {
            audit.record(AuditLog.SYSTEM, AuditLog.currentAddress(), action, target, AuditOutcome.SUCCESS,
                    "follow-up of ticket " + event.otherTicketId());
            return;
        }
        audit.record(action, target, AuditOutcome.SUCCESS,
                "ticket " + event.otherTicketId() + (event.kind() == TicketLinkKind.RELATED ? "" : " (follow-up link)"));
    }

    @EventListener
    void on(RoutingRulesReloaded event) {
        audit.record(event.action(), "rules/", event.live() ? AuditOutcome.SUCCESS : AuditOutcome.REFUSED, event.detail());
    }
}
