package io.kefu.lifecycle;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.calendar.BusinessCalendarManager;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

import io.kefu.sla.SlaPolicies;

/**
 * Plugs Kefu's business-hours calendars into the engine's timers: Camunda 7 has no business
 * calendar of its own, only the {@link MapBusinessCalendarManager} that picks a calendar per kind
 * of timer. This plugin replaces its {@code duration} calendar with {@link BusinessTimeCalendar},
 * so a timer duration {@code business:<calendar>:<duration>} counts working time.
 *
 * <p>It also names the JDK's own {@link DatatypeFactory} in the system property of that name, when
 * nothing else is named there: Camunda parses every timer's duration or cycle with a new
 * {@code DatatypeFactory.newInstance()}, which otherwise looks for a provider through the service
 * loader, reading every jar of the class path each time. In the P6 benchmark (10,000 timers due
 * while new tickets arrive) that lookup was 16 % of the engine's CPU samples.
 */
@Component
class BusinessCalendarPlugin extends AbstractProcessEnginePlugin {

    private final SlaPolicies policies;

    BusinessCalendarPlugin(SlaPolicies policies) {
        this.policies = policies;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
            System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
                    DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
        }
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        BusinessCalendarManager manager = configuration.getBusinessCalendarManager();
        if (!(manager instanceof MapBusinessCalendarManager calendars)) {
            throw new IllegalStateException("Expected Camunda's MapBusinessCalendarManager, found " + manager);
        }
        calendars.addBusinessCalendar(DurationBusinessCalendar.NAME, new BusinessTimeCalendar(policies::calendar));
    }
}
