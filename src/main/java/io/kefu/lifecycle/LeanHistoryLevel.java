package io.kefu.lifecycle;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.stereotype.Component;

/**
 * Camunda history level {@value #NAME}: everything level {@code full} records except the two
 * kinds of row nobody reads back for a ticket, which are a fifth of the rows a new ticket writes:
 * <ul>
 * <li>a {@code ACT_HI_DETAIL} row per variable <em>change</em> ({@code full} keeps every value a
 * variable ever had; {@code ACT_HI_VARINST} still keeps each variable's last value, and the
 * ticket's own events in {@code outbox_event} — opened, routed, assigned, resolved, reopened, each
 * with the ticket's queue, priority and status — are its business history);</li>
 * <li>{@code ACT_HI_JOB_LOG} rows for jobs that were created or succeeded. Failures and deletions
 * are still logged, with their stack traces, so a failed triage job or a cancelled timer can
 * still be traced in Cockpit.</li>
 * </ul>
 * Incidents, the user operation log (who claimed, reassigned or completed what), identity links,
 * activity, task, process and variable instances are kept as in {@code full}. Chosen with
 * {@code KEFU_HISTORY_LEVEL=lean}; like every level it is fixed per database once created.
 */
@Component
class LeanHistoryLevel extends AbstractHistoryLevel {

    static final String NAME = "lean";
    /** Stored in {@code ACT_GE_PROPERTY}; clear of Camunda's own levels (0–3). */
    static final int ID = 10;

    private static final Set<HistoryEventTypes> LEFT_OUT = EnumSet.of(
            HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL, HistoryEventTypes.JOB_CREATE,
            HistoryEventTypes.JOB_SUCCESS);

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        return !(eventType instanceof HistoryEventTypes type && LEFT_OUT.contains(type));
    }

    /** Makes the level known to the engine, so {@code camunda.bpm.history-level} can name it. */
    @Component
    static class Registration extends AbstractProcessEnginePlugin {

        private final LeanHistoryLevel level;

        Registration(LeanHistoryLevel level) {
            this.level = level;
        }

        @Override
        public void preInit(ProcessEngineConfigurationImpl configuration) {
            if (configuration.getCustomHistoryLevels() == null) {
                configuration.setCustomHistoryLevels(new ArrayList<>());
            }
            configuration.getCustomHistoryLevels().add(level);
        }
    }
}
