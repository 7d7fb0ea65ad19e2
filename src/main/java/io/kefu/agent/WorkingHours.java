package io.kefu.agent;

import java.util.List;

/**
 * When an agent is scheduled to work, for supervisors planning cover; presence, not these hours,
 * decides whether work is pushed.
 *
 * @param timeZone IANA zone the times are in, e.g. {@code Asia/Shanghai}
 * @param periods  the shifts of the week (several per day for lunch breaks)
 */
public record WorkingHours(String timeZone, List<Period> periods) {

    /**
     * @param days weekdays, {@code MON} … {@code SUN}
     * @param from start, {@code HH:mm}
     * @param to   end, {@code HH:mm}, after {@code from}
     */
    public record Period(List<String> days, String from, String to) {
    }
}
