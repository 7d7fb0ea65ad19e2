package io.kefu.security;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.kefu.knowledge.ArticleDeleted;
import io.kefu.knowledge.ArticlePublished;
import io.kefu.knowledge.ArticleUnpublished;
import io.kefu.routing.RoutingRulesReloaded;

/**
 * Records in the audit log what features report through their domain events: knowledge-base
 * articles published, unpublished or deleted (once the change has committed), and rule set changes
 * (reloads, file-watch reloads, rollbacks, versions adopted from another node, simulations; whether
 * the rules went live or were refused).
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

    @EventListener
    void on(RoutingRulesReloaded event) {
        audit.record(event.action(), "rules/", event.live() ? AuditOutcome.SUCCESS : AuditOutcome.REFUSED, event.detail());
    }
}
