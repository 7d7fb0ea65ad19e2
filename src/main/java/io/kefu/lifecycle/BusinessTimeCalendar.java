package io.kefu.lifecycle;

import java.util.Date;
import java.util.function.Function;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

import io.kefu.sla.BusinessDuration;
import io.kefu.sla.BusinessHours;

/**
 * Camunda's {@code duration} business calendar, taught business time: a timer duration
 * {@code business:<calendar>:<ISO-8601 duration>} (e.g. {@code business:cn-office:PT30M}) is due
 * when that much working time of the named calendar ({@code rules/calendars/}) has passed; any
 * other duration is left to Camunda's own calendar (wall-clock time). Counts from the engine's
 * clock ({@link ClockUtil}), so tests move time as for any timer.
 */
final class BusinessTimeCalendar implements BusinessCalendar {

    private final DurationBusinessCalendar wallClock = new DurationBusinessCalendar();
    private final Function<String, java.util.Optional<BusinessHours>> calendars;

    BusinessTimeCalendar(Function<String, java.util.Optional<BusinessHours>> calendars) {
        this.calendars = calendars;
    }

    @Override
    public Date resolveDuedate(String duedateDescription) {
        return resolveDuedate(duedateDescription, (Date) null);
    }

    @Override
    public Date resolveDuedate(String duedateDescription, Date startDate) {
        java.util.Optional<BusinessDuration> business;
        try {
            business = BusinessDuration.parse(duedateDescription);
        } catch (IllegalArgumentException e) {
            throw new ProcessEngineException(e.getMessage(), e);
        }
        if (business.isEmpty()) {
            return wallClock.resolveDuedate(duedateDescription, startDate);
        }
        BusinessHours hours = calendars.apply(business.get().calendar()).orElseThrow(() -> new ProcessEngineException(
                "Timer names business calendar '" + business.get().calendar() + "', which rules/calendars/ lacks"));
        Date start = startDate != null ? startDate : ClockUtil.getCurrentTime();
        return Date.from(hours.plus(start.toInstant(), business.get().amount()));
    }

    @Override
    public Date resolveDuedate(String duedateDescription, Task task) {
        return resolveDuedate(duedateDescription, task == null ? null : task.getCreateTime());
    }
}
