package io.kefu.sla;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Business time in calendars like the shipped ones (written here so the tables do not change when an
 * operator edits {@code rules/calendars/}): split days, holidays, 调休 make-up days, Asia/Shanghai
 * and a daylight-saving change in Europe/Berlin. Times in the tables are wall-clock times of the
 * calendar's zone.
 */
class BusinessHoursTest {

    static final BusinessHours SHANGHAI = SlaPolicies.calendar("shanghai", yaml("""
            zone: Asia/Shanghai
            weekdays: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY]
            hours: ["09:00-12:00", "13:30-18:00"]
            holidays: [2026-10-01..2026-10-08, 2027-01-01]
            make-up-workdays: [2026-09-27, 2026-10-10]
            """));

    static final BusinessHours BERLIN = SlaPolicies.calendar("berlin", yaml("""
            zone: Europe/Berlin
            weekdays: [MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY]
            hours: ["08:00-12:00", "13:00-17:00"]
            days:
              FRIDAY: ["08:00-12:00", "13:00-15:00"]
              SUNDAY: ["00:00-24:00"]
            holidays: ["2026-12-24..2026-12-26"]
            """));

    static final BusinessHours BERLIN_24_7 = SlaPolicies.calendar("berlin-24-7", yaml("""
            zone: Europe/Berlin
            always-open: true
            """));

    static final Map<String, BusinessHours> CALENDARS = Map.of("shanghai", SHANGHAI, "berlin", BERLIN,
            "berlin-24-7", BERLIN_24_7);

    @ParameterizedTest(name = "{0}: {1} + {2} = {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # calendar  | from (local)      | business time | due (local)
            shanghai    | 2026-11-02T10:00  | PT1H          | 2026-11-02T11:00
            shanghai    | 2026-11-02T11:30  | PT1H          | 2026-11-02T14:00
            shanghai    | 2026-11-02T12:15  | PT30M         | 2026-11-02T14:00
            shanghai    | 2026-11-02T09:00  | PT7H30M       | 2026-11-02T18:00
            shanghai    | 2026-11-02T17:30  | PT1H          | 2026-11-03T09:30
            shanghai    | 2026-11-02T20:00  | PT2H          | 2026-11-03T11:00
            shanghai    | 2026-11-06T17:00  | PT2H          | 2026-11-09T10:00
            shanghai    | 2026-09-30T17:00  | PT2H          | 2026-10-09T10:00
            shanghai    | 2026-10-09T17:00  | PT2H          | 2026-10-10T10:00
            shanghai    | 2026-09-26T10:00  | PT1H          | 2026-09-27T10:00
            shanghai    | 2026-12-31T17:00  | PT1H30M       | 2027-01-04T09:30
            berlin      | 2026-03-27T14:00  | PT2H          | 2026-03-29T01:00
            berlin      | 2026-03-29T01:00  | PT2H          | 2026-03-29T04:00
            berlin      | 2026-10-25T01:00  | PT3H          | 2026-10-25T03:00
            berlin      | 2026-03-28T10:00  | PT24H         | 2026-03-30T09:00
            berlin      | 2026-12-23T16:00  | PT2H          | 2026-12-27T01:00
            berlin-24-7 | 2026-03-29T01:30  | PT1H          | 2026-03-29T03:30
            berlin-24-7 | 2026-10-25T01:30  | PT2H          | 2026-10-25T02:30
            """)
    void businessTimeRunsOutAt(String calendar, LocalDateTime from, Duration amount, LocalDateTime due) {
        BusinessHours hours = CALENDARS.get(calendar);

        ZonedDateTime actual = hours.plus(from.atZone(hours.zone()).toInstant(), amount).atZone(hours.zone());

        assertThat(actual.toLocalDateTime()).isEqualTo(due);
    }

    @ParameterizedTest(name = "{0}: {1} .. {2} = {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # calendar  | from (local)      | to (local)        | business time between
            shanghai    | 2026-11-02T08:00  | 2026-11-03T08:00  | PT7H30M
            shanghai    | 2026-11-02T11:00  | 2026-11-02T14:00  | PT1H30M
            shanghai    | 2026-09-30T09:00  | 2026-10-10T18:00  | PT22H30M
            shanghai    | 2026-11-07T00:00  | 2026-11-09T00:00  | PT0S
            berlin      | 2026-03-29T00:00  | 2026-03-30T00:00  | PT23H
            berlin      | 2026-10-25T00:00  | 2026-10-26T00:00  | PT25H
            berlin-24-7 | 2026-03-28T12:00  | 2026-03-29T12:00  | PT23H
            berlin-24-7 | 2026-10-24T12:00  | 2026-10-25T12:00  | PT25H
            """)
    void businessTimeBetween(String calendar, LocalDateTime from, LocalDateTime to, Duration expected) {
        BusinessHours hours = CALENDARS.get(calendar);

        assertThat(hours.between(from.atZone(hours.zone()).toInstant(), to.atZone(hours.zone()).toInstant()))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} + {1} then back")
    @CsvSource(delimiter = '|', textBlock = """
            shanghai | 2026-09-25T16:00 | PT20H
            shanghai | 2026-12-30T11:59 | PT9H17M
            berlin   | 2026-03-27T11:00 | PT30H
            berlin   | 2026-10-23T12:30 | PT30H
            """)
    void timeCountedForwardIsTheTimeBetween(String calendar, LocalDateTime from, Duration amount) {
        BusinessHours hours = CALENDARS.get(calendar);
        var start = from.atZone(hours.zone()).toInstant();

        assertThat(hours.between(start, hours.plus(start, amount))).isEqualTo(amount);
    }

    @Test
    void aCalendarWithoutWorkingTimeIsRefusedWithItsName() {
        assertThatThrownBy(() -> SlaPolicies.calendar("closed", yaml("zone: Asia/Shanghai\nhours: [\"09:00-18:00\"]\n")))
                .isInstanceOf(SlaConfigurationException.class).hasMessageContaining("calendars/closed.yaml")
                .hasMessageContaining("no working time");
    }

    @Test
    void overlappingPeriodsAndBadTimesAreRefused() {
        assertThatThrownBy(() -> SlaPolicies.calendar("x", yaml("weekdays: [MONDAY]\nhours: [\"09:00-13:00\", \"12:00-18:00\"]\n")))
                .hasMessageContaining("overlap");
        assertThatThrownBy(() -> SlaPolicies.calendar("x", yaml("weekdays: [MONDAY]\nhours: [\"nine-five\"]\n")))
                .hasMessageContaining("HH:MM-HH:MM");
        assertThatThrownBy(() -> SlaPolicies.calendar("x", yaml("zone: Mars/Olympus\nweekdays: [MONDAY]\nhours: [\"09:00-17:00\"]\n")))
                .hasMessageContaining("Mars/Olympus");
    }

    @Test
    void aDayCannotBeBothHolidayAndMakeUpDay() {
        assertThatThrownBy(() -> SlaPolicies.calendar("x", yaml(
                "weekdays: [MONDAY]\nhours: [\"09:00-17:00\"]\nholidays: [2026-09-27]\nmake-up-workdays: [2026-09-27]\n")))
                .hasMessageContaining("2026-09-27 is both a holiday and a make-up working day");
    }

    static Object yaml(String text) {
        return new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                new org.yaml.snakeyaml.LoaderOptions())).load(text);
    }
}
