package io.kefu.security;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.kefu.knowledge.ArticlePublicationChanged;
import io.kefu.routing.RoutingRulesReloaded;

/**
 * Records in the audit log what features report through their domain events: knowledge-base
 * articles published, unpublished or deleted (once the change has committed), and rule reloads
 * (whether the new rules went live or were refused).
 */
@Component
class DomainAudit {

    private final AuditLog audit;

    DomainAudit(AuditLog audit) {
        this.audit = audit;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ArticlePublicationChanged event) {
        String action = switch (event.change()) {
            case PUBLISHED -> "knowledge.publish";
            case UNPUBLISHED -> "knowledge.unpublish";
            case DELETED -> "knowledge.delete";
        };
        audit.record(action, "article " + event.articleId(), AuditOutcome.SUCCESS, event.title());
    }

    @EventListener
    void on(RoutingRulesReloaded event) {
        audit.record("rules.reload", "rules/", event.live() ? AuditOutcome.SUCCESS : AuditOutcome.REFUSED, event.detail());
    }
}
