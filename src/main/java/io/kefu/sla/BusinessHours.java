package io.kefu.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.kefu.ticket.SlaTerms;

/**
 * A business-hours calendar ({@code rules/calendars/<name>.yaml}): the working periods of each
 * weekday in a time zone (several per day, so a lunch break is a gap), holidays, and make-up
 * working days on weekends (China's 调休), or open around the clock. Counts business time:
 * {@link #plus} finds when a target of business time runs out, {@link #between} how much business
 * time passed. Wall-clock times are read in the calendar's zone, so a daylight-saving change
 * shortens or lengthens the day it falls on, never the working periods.
 */
public final class BusinessHours implements SlaTerms.Calendar {

    /** Business time is counted at most this far ahead; a calendar without working time fails. */
    private static final int MAX_DAYS = 3 * 366;

    private final String name;
    private final ZoneId zone;
    private final boolean alwaysOpen;
    private final Map<DayOfWeek, List<Period>> week;
    private final Set<LocalDate> holidays;
    private final Map<LocalDate, List<Period>> makeUpDays;

    /** One working period of a day, {@code end} exclusive; an end of {@code 24:00} is the next midnight. */
    public record Period(LocalTime start, LocalTime end, boolean toMidnight) {

        public Period {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!toMidnight && !end.isAfter(start)) {
                throw new IllegalArgumentException("working period ends before it starts: " + start + "-" + end);
            }
        }

        /** Parses {@code 09:00-12:00} (or {@code 13:30-24:00}). */
        public static Period parse(String text) {
            String[] parts = text.strip().split("\\s*-\\s*");
            if (parts.length != 2) {
                throw new IllegalArgumentException("working period must read HH:MM-HH:MM: '" + text + "'");
            }
            try {
                LocalTime start = LocalTime.parse(pad(parts[0]));
                if (parts[1].equals("24:00")) {
                    return new Period(start, LocalTime.MIDNIGHT, true);
                }
                return new Period(start, LocalTime.parse(pad(parts[1])), false);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("working period must read HH:MM-HH:MM: '" + text + "'", e);
            }
        }

        private static String pad(String time) {
            return time.length() == 4 ? "0" + time : time;
        }

        Instant startOn(LocalDate day, ZoneId zone) {
            return ZonedDateTime.of(day, start, zone).toInstant();
        }

        Instant endOn(LocalDate day, ZoneId zone) {
            return toMidnight ? day.plusDays(1).atStartOfDay(zone).toInstant()
                    : ZonedDateTime.of(day, end, zone).toInstant();
        }

        @Override
        public String toString() {
            return start + "-" + (toMidnight ? "24:00" : end.toString());
        }
    }

    /**
     * @param name       the calendar's name, its file name without {@code .yaml}
     * @param zone       the zone its times are read in
     * @param alwaysOpen open around the clock (24/7): the other arguments are ignored
     * @param week       working periods per weekday; a weekday absent is a day off
     * @param holidays   days off whatever their weekday
     * @param makeUpDays days worked whatever their weekday (调休), with their periods
     */
    public BusinessHours(String name, ZoneId zone, boolean alwaysOpen, Map<DayOfWeek, List<Period>> week,
            Set<LocalDate> holidays, Map<LocalDate, List<Period>> makeUpDays) {
        this.name = Objects.requireNonNull(name, "name");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.alwaysOpen = alwaysOpen;
        Map<DayOfWeek, List<Period>> days = new EnumMap<>(DayOfWeek.class);
        week.forEach((day, periods) -> days.put(day, checked(day.toString(), periods)));
        this.week = days;
        this.holidays = Set.copyOf(holidays);
        Map<LocalDate, List<Period>> extra = new TreeMap<>();
        makeUpDays.forEach((day, periods) -> {
            if (holidays.contains(day)) {
                throw new IllegalArgumentException(day + " is both a holiday and a make-up working day");
            }
            extra.put(day, checked(day.toString(), periods));
        });
        this.makeUpDays = extra;
        if (!alwaysOpen && this.week.values().stream().allMatch(List::isEmpty) && this.makeUpDays.isEmpty()) {
            throw new IllegalArgumentException("calendar " + name + " has no working time (set always-open: true for 24/7)");
        }
    }

    /** Open around the clock in UTC. */
    public static BusinessHours alwaysOpen(String name) {
        return new BusinessHours(name, ZoneId.of("UTC"), true, Map.of(), Set.of(), Map.of());
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isAlwaysOpen() {
        return alwaysOpen;
    }

    /** The working periods of a day: a make-up day's, none on a holiday, else its weekday's. */
    public List<Period> periodsOn(LocalDate day) {
        if (alwaysOpen) {
            return List.of(new Period(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, true));
        }
        List<Period> extra = makeUpDays.get(day);
        if (extra != null) {
            return extra;
        }
        if (holidays.contains(day)) {
            return List.of();
        }
        return week.getOrDefault(day.getDayOfWeek(), List.of());
    }

    /**
     * When {@code amount} of business time counted from {@code from} runs out. A start outside
     * working time counts from the next working period; an amount that ends exactly at a period's
     * end is due at that end.
     */
    @Override
    public Instant plus(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("negative business time: " + amount);
        }
        if (alwaysOpen) {
            return from.plus(amount);
        }
        Duration left = amount;
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            for (Period period : periodsOn(day)) {
                Instant start = later(period.startOn(day, zone), from);
                Instant end = period.endOn(day, zone);
                if (!start.isBefore(end)) {
                    continue;
                }
                Duration available = Duration.between(start, end);
                if (available.compareTo(left) >= 0) {
                    return start.plus(left);
                }
                left = left.minus(available);
            }
        }
        throw new IllegalStateException("Calendar " + name + " has not " + amount + " of working time within "
                + MAX_DAYS + " days of " + from);
    }

    /** Business time between two instants; zero when {@code to} is not after {@code from}. */
    @Override
    public Duration between(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (alwaysOpen) {
            return Duration.between(from, to);
        }
        Duration sum = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            for (Period period : periodsOn(day)) {
                Instant start = later(period.startOn(day, zone), from);
                Instant end = earlier(period.endOn(day, zone), to);
                if (start.isBefore(end)) {
                    sum = sum.plus(Duration.between(start, end));
                }
            }
        }
        return sum;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static List<Period> checked(String day, List<Period> periods) {
        List<Period> sorted = new ArrayList<>(periods);
        sorted.sort(Comparator.comparing(Period::start));
        for (int i = 1; i < sorted.size(); i++) {
            Period before = sorted.get(i - 1);
            if (before.toMidnight() || before.end().isAfter(sorted.get(i).start())) {
                throw new IllegalArgumentException("working periods overlap on " + day + ": " + before + " and "
                        + sorted.get(i));
            }
        }
        return List.copyOf(sorted);
    }

    /** The holidays, sorted (for messages and tests). */
    Set<LocalDate> holidays() {
        return new TreeSet<>(holidays);
    }

    @Override
    public String toString() {
        return "BusinessHours[" + name + ", " + zone + (alwaysOpen ? ", 24/7" : "") + "]";
    }
}
