package io.kefu.routing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.kie.api.KieBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which rule set is live, on this node and on every other: a reload ({@code POST /api/rules/reload}
 * or the file watch) compiles {@code rules/}, runs every case of {@code rules/tests/}, stores the files
 * as a version (once per content) with who and when, records the activation, and only then swaps the
 * live rules; a rollback ({@link #activate}) runs the same checks on a stored version. Each node
 * polls the newest activation every {@code kefu.rules.refresh-interval} and makes that version live
 * too, so a two-node setup follows one rule set. Every attempt is audited.
 *
 * <p>At start a node makes the folder's rules live as a new version when their content was never
 * stored (an edit made while it was down); when it was, the version the cluster made live last stays
 * live (a rollback survives a restart).
 */
@Service
class RuleDeployment implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(RuleDeployment.class);
    static final String SYSTEM = "system";

    private final RoutingRules rules;
    private final RuleVersions versions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RulesProperties settings;
    private final TransactionTemplate transaction;

    /** The content of {@code rules/} as last looked at, so the watch reacts to edits, not to rollbacks. */
    private volatile String folderHash;
    /** A stored version this node could not make live; not retried on every poll. */
    private volatile long refusedVersion = -1;

    RuleDeployment(RoutingRules rules, RuleVersions versions, ApplicationEventPublisher events, Clock clock,
            RulesProperties settings, PlatformTransactionManager transactions) {
        this.rules = rules;
        this.versions = versions;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void afterSingletonsInstantiated() {
        start();
    }

    synchronized void start() {
        RoutingRules.Live compiled = rules.live();
        folderHash = compiled.hash();
        Optional<Long> stored = versions.byHash(compiled.hash());
        Optional<Long> live = versions.liveVersion();
        if (stored.isPresent() && live.isPresent()) {
            if (live.get().equals(stored.get())) {
                rules.swap(live.get(), compiled.files(), compiled.base());
            } else {
                adopt(live.get());
            }
            return;
        }
        long version = store(compiled.files(), SYSTEM, "start");
        rules.swap(version, compiled.files(), compiled.base());
        events.publishEvent(new RoutingRulesReloaded(true, "rules.reload", describe(version, compiled.hash())
                + " live at start (rules/ held content not stored before)"));
    }

    /** Reloads {@code rules/}: the version now live (the same one when nothing changed), or throws and keeps the old rules. */
    synchronized long reload(String by) {
        RuleFiles files = rules.folder();
        folderHash = files.hash();
        return goLive(files, by, "rules.reload", "reload");
    }

    /** Makes a stored version live again after the same checks (rollback); throws and keeps the old rules otherwise. */
    synchronized long activate(long version, String by) {
        RuleVersions.Stored stored = versions.byVersion(version).orElseThrow(() -> new RuleVersionNotFoundException(version));
        KieBase base = verify(stored.files(), "rules.activate", "version " + version);
        activated(version, by, "rollback");
        rules.swap(version, stored.files(), base);
        events.publishEvent(new RoutingRulesReloaded(true, "rules.activate", describe(version, stored.hash())
                + " live again, activated by " + by));
        return version;
    }

    List<RuleVersions.Summary> versions() {
        return versions.list();
    }

    /** The version answering on this node now (0 before the first store). */
    long liveVersion() {
        return rules.live().version();
    }

    /**
     * Follows the cluster: another node activated a version, so it goes live here too; and, with
     * {@code kefu.rules.watch-files}, an edit of {@code rules/} on this node's disk is reloaded.
     */
    @Scheduled(fixedDelayString = "${kefu.rules.refresh-interval:PT5S}", initialDelayString = "${kefu.rules.refresh-interval:PT5S}")
    synchronized void refresh() {
        try {
            Optional<Long> live = versions.liveVersion();
            if (live.isPresent() && live.get() != rules.live().version() && live.get() != refusedVersion) {
                adopt(live.get());
            }
            if (settings.watchFiles()) {
                RuleFiles files = rules.folder();
                if (!files.hash().equals(folderHash)) {
                    folderHash = files.hash();
                    try {
                        goLive(files, SYSTEM, "rules.watch", "file watch");
                    } catch (RuleSetInvalidException refused) {
                        log.error("An edit of rules/ was refused; the running rules stay: {}", refused.getMessage());
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("Could not follow the live rule set this time: {}", e.toString());
        }
    }

    private long goLive(RuleFiles files, String by, String action, String reason) {
        RoutingRules.Live current = rules.live();
        if (current.version() != 0 && files.hash().equals(current.hash())) {
            events.publishEvent(new RoutingRulesReloaded(true, action, describe(current.version(), current.hash())
                    + " stays live: rules/ did not change"));
            return current.version();
        }
        KieBase base = verify(files, action, "rules/");
        long version = store(files, by, reason);
        rules.swap(version, files, base);
        events.publishEvent(new RoutingRulesReloaded(true, action, describe(version, files.hash())
                + " live by " + reason + ", by " + by + "; every test case passed"));
        return version;
    }

    private void adopt(long version) {
        Optional<RuleVersions.Stored> stored = versions.byVersion(version);
        if (stored.isEmpty()) {
            return;
        }
        try {
            KieBase base = RoutingRules.verify(stored.get().files());
            rules.swap(version, stored.get().files(), base);
            events.publishEvent(new RoutingRulesReloaded(true, "rules.adopt", describe(version, stored.get().hash())
                    + " live here too: another node activated it"));
        } catch (RuleSetInvalidException refused) {
            refusedVersion = version;
            log.error("Version {} is live elsewhere but refused here; the running rules stay: {}", version,
                    refused.getMessage());
            events.publishEvent(new RoutingRulesReloaded(false, "rules.adopt", "version " + version + " refused here: "
                    + refused.getMessage()));
        }
    }

    private KieBase verify(RuleFiles files, String action, String what) {
        try {
            return RoutingRules.verify(files);
        } catch (RuleSetInvalidException refused) {
            events.publishEvent(new RoutingRulesReloaded(false, action, what + " refused, the running rules stay: "
                    + refused.getMessage()));
            throw refused;
        }
    }

    /** Stores the files as a version (or finds the one with their content) and records that it went live. */
    private long store(RuleFiles files, String by, String reason) {
        Instant now = now();
        Long version = transaction.execute(status -> {
            long v = versions.byHash(files.hash()).orElseGet(() -> {
                try {
                    return versions.store(files, by, now);
                } catch (DuplicateKeyException storedMeanwhile) {
                    return versions.byHash(files.hash()).orElseThrow();
                }
            });
            versions.activated(v, by, now, reason);
            return v;
        });
        return version;
    }

    private void activated(long version, String by, String reason) {
        Instant now = now();
        transaction.executeWithoutResult(status -> versions.activated(version, by, now, reason));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String describe(long version, String hash) {
        return "version " + version + " (" + hash.substring(0, 12) + ")";
    }
}
