package io.kefu.sla;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.kefu.config.KefuHome;
import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.Priority;

/**
 * The SLA policies of {@code rules/sla-policies.yaml} with the calendars of
 * {@code rules/calendars/*.yaml} they name. Each policy lists targets, each with optional
 * conditions on {@code tier}, {@code priority} and {@code channel} (one value or a list; absent
 * or {@code "*"} = any); the first target whose conditions hold applies, and the last target of
 * every policy must have no condition, so every ticket gets one. A file that does not parse, names
 * an unknown calendar, or fails a case of {@code rules/tests/sla-cases.csv} is refused with the
 * place and the reason.
 */
public final class SlaPolicies {

    static final String POLICIES_FILE = "sla-policies.yaml";
    static final String CASES_FILE = "tests/sla-cases.csv";

    private final Map<String, Policy> policies;
    private final Map<String, BusinessHours> calendars;
    private final String defaultPolicy;

    private record Policy(String name, BusinessHours calendar, List<Target> targets) {
    }

    private record Target(Set<CustomerTier> tiers, Set<Priority> priorities, Set<Channel> channels,
            Duration firstResponse, Duration nextResponse, Duration resolution) {

        boolean matches(CustomerTier tier, Priority priority, Channel channel) {
            return (tiers.isEmpty() || tiers.contains(tier)) && (priorities.isEmpty() || priorities.contains(priority))
                    && (channels.isEmpty() || channels.contains(channel));
        }

        boolean unconditional() {
            return tiers.isEmpty() && priorities.isEmpty() && channels.isEmpty();
        }
    }

    private SlaPolicies(Map<String, Policy> policies, Map<String, BusinessHours> calendars, String defaultPolicy) {
        this.policies = policies;
        this.calendars = calendars;
        this.defaultPolicy = defaultPolicy;
    }

    /** Reads and checks the policies, calendars and cases of {@code rules/} under {@code home}. */
    public static SlaPolicies load(KefuHome home) {
        Map<String, BusinessHours> calendars = new LinkedHashMap<>();
        for (Resource file : home.files("rules", "calendars/*.yaml")) {
            String name = file.getFilename().substring(0, file.getFilename().length() - ".yaml".length());
            calendars.put(name, readCalendar(name, file));
        }
        List<Resource> policyFiles = home.files("rules", POLICIES_FILE);
        if (policyFiles.isEmpty()) {
            throw new SlaConfigurationException("No rules/" + POLICIES_FILE + " under " + home.folder("rules"));
        }
        SlaPolicies loaded = parse(read(policyFiles.get(0)), calendars);
        for (Resource cases : home.files("rules", CASES_FILE)) {
            List<String> failures;
            try (Reader reader = new InputStreamReader(cases.getInputStream(), StandardCharsets.UTF_8)) {
                failures = SlaTestCase.check(loaded, SlaTestCase.parse(reader));
            } catch (IOException e) {
                throw new SlaConfigurationException("Cannot read " + KefuHome.describe(cases), e);
            }
            if (!failures.isEmpty()) {
                throw new SlaConfigurationException("rules/" + POLICIES_FILE + " fails " + failures.size()
                        + " case(s) of rules/" + CASES_FILE + ":\n  " + String.join("\n  ", failures));
            }
        }
        return loaded;
    }

    /** The targets holding a ticket under this policy; an unknown or missing policy uses the default one. */
    public SlaTargets targets(String policy, CustomerTier tier, Priority priority, Channel channel) {
        Policy chosen = policy(policy);
        for (Target target : chosen.targets()) {
            if (target.matches(tier, priority, channel)) {
                return new SlaTargets(chosen.name(), target.firstResponse(), target.nextResponse(),
                        target.resolution(), chosen.calendar());
            }
        }
        throw new IllegalStateException("unreachable: the last target of " + chosen.name() + " has no condition");
    }

    /** The calendar a policy counts in (the default policy's for an unknown one). */
    public BusinessHours calendarOf(String policy) {
        return policy(policy).calendar();
    }

    /** A calendar by name, if there is one. */
    public java.util.Optional<BusinessHours> calendar(String name) {
        return java.util.Optional.ofNullable(calendars.get(name));
    }

    /** The names of the policies, in file order. */
    public Set<String> names() {
        return policies.keySet();
    }

    /** The policy that holds tickets whose policy is missing or unknown. */
    public String defaultPolicy() {
        return defaultPolicy;
    }

    private Policy policy(String name) {
        Policy found = name == null ? null : policies.get(name);
        return found != null ? found : policies.get(defaultPolicy);
    }

    // ---- parsing ------------------------------------------------------------------------------

    static SlaPolicies parse(Object yaml, Map<String, BusinessHours> calendars) {
        Map<String, Object> root = map(yaml, POLICIES_FILE);
        Map<String, Object> entries = map(root.get("policies"), POLICIES_FILE + ": policies");
        if (entries.isEmpty()) {
            throw new SlaConfigurationException(POLICIES_FILE + ": no policies");
        }
        Map<String, BusinessHours> known = new LinkedHashMap<>(calendars);
        known.putIfAbsent("always-open", BusinessHours.alwaysOpen("always-open"));
        Map<String, Policy> policies = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            String where = POLICIES_FILE + ": policy " + entry.getKey();
            Map<String, Object> body = map(entry.getValue(), where);
            String calendarName = String.valueOf(body.getOrDefault("calendar", "always-open"));
            BusinessHours calendar = known.get(calendarName);
            if (calendar == null) {
                throw new SlaConfigurationException(where + ": no calendar '" + calendarName + "' (rules/calendars/"
                        + calendarName + ".yaml); known: " + known.keySet());
            }
            List<Target> targets = new ArrayList<>();
            List<?> list = body.get("targets") instanceof List<?> l ? l : List.of();
            for (int i = 0; i < list.size(); i++) {
                targets.add(target(map(list.get(i), where + " target " + (i + 1)), where + " target " + (i + 1)));
            }
            if (targets.isEmpty() || !targets.get(targets.size() - 1).unconditional()) {
                throw new SlaConfigurationException(where + ": the last target must have no tier/priority/channel"
                        + " condition, so that every ticket gets one");
            }
            policies.put(entry.getKey(), new Policy(entry.getKey(), calendar, List.copyOf(targets)));
        }
        String defaultPolicy = String.valueOf(root.getOrDefault("default-policy", policies.keySet().iterator().next()));
        if (!policies.containsKey(defaultPolicy)) {
            throw new SlaConfigurationException(POLICIES_FILE + ": default-policy '" + defaultPolicy
                    + "' is not one of " + policies.keySet());
        }
        return new SlaPolicies(policies, Map.copyOf(known), defaultPolicy);
    }

    private static Target target(Map<String, Object> body, String where) {
        try {
            return new Target(values(body.get("tier"), CustomerTier.class), values(body.get("priority"), Priority.class),
                    values(body.get("channel"), Channel.class), duration(body, "first-response", where),
                    duration(body, "next-response", where), duration(body, "resolution", where));
        } catch (IllegalArgumentException e) {
            throw new SlaConfigurationException(where + ": " + e.getMessage(), e);
        }
    }

    private static Duration duration(Map<String, Object> body, String key, String where) {
        Object value = body.get(key);
        if (value == null) {
            throw new SlaConfigurationException(where + ": " + key + " is missing");
        }
        try {
            Duration duration = Duration.parse(value.toString());
            if (duration.isNegative() || duration.isZero()) {
                throw new SlaConfigurationException(where + ": " + key + " must be positive, not " + value);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new SlaConfigurationException(where + ": " + key + " must be an ISO-8601 duration such as PT4H, not '"
                    + value + "'", e);
        }
    }

    private static <E extends Enum<E>> Set<E> values(Object value, Class<E> type) {
        if (value == null) {
            return Set.of();
        }
        Collection<?> items = value instanceof Collection<?> c ? c : List.of(value);
        Set<E> result = EnumSet.noneOf(type);
        for (Object item : items) {
            String text = item.toString().strip();
            if (text.equals("*")) {
                return Set.of();
            }
            try {
                result.add(Enum.valueOf(type, text.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is no " + type.getSimpleName() + " (one of "
                        + EnumSet.allOf(type) + ")");
            }
        }
        return result;
    }

    /** Reads one calendar file; see {@code rules/README.md} for its keys. */
    static BusinessHours readCalendar(String name, Resource file) {
        return calendar(name, read(file));
    }

    static BusinessHours calendar(String name, Object yaml) {
        String where = "calendars/" + name + ".yaml";
        Map<String, Object> body = map(yaml, where);
        try {
            ZoneId zone = ZoneId.of(String.valueOf(body.getOrDefault("zone", "UTC")));
            if (Boolean.TRUE.equals(body.get("always-open"))) {
                return new BusinessHours(name, zone, true, Map.of(), Set.of(), Map.of());
            }
            List<BusinessHours.Period> hours = periods(body.get("hours"));
            Map<DayOfWeek, List<BusinessHours.Period>> week = new java.util.EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : values(body.get("weekdays"), DayOfWeek.class)) {
                week.put(day, hours);
            }
            map(body.getOrDefault("days", Map.of()), where + ": days").forEach((day, periods) ->
                    week.put(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)), periods(periods)));
            Set<LocalDate> holidays = dates(body.get("holidays"));
            Map<LocalDate, List<BusinessHours.Period>> makeUp = new LinkedHashMap<>();
            for (LocalDate day : dates(body.get("make-up-workdays"))) {
                makeUp.put(day, hours);
            }
            return new BusinessHours(name, zone, false, week, holidays, makeUp);
        } catch (RuntimeException e) {
            throw new SlaConfigurationException(where + ": " + e.getMessage(), e);
        }
    }

    private static List<BusinessHours.Period> periods(Object value) {
        if (value == null) {
            return List.of();
        }
        Collection<?> items = value instanceof Collection<?> c ? c : List.of(value);
        return items.stream().map(item -> BusinessHours.Period.parse(item.toString())).toList();
    }

    /** Days and day ranges ({@code 2026-10-01..2026-10-07}); YAML may have read a bare date already. */
    private static Set<LocalDate> dates(Object value) {
        if (value == null) {
            return Set.of();
        }
        Collection<?> items = value instanceof Collection<?> c ? c : List.of(value);
        Set<LocalDate> days = new HashSet<>();
        for (Object item : items) {
            if (item instanceof java.util.Date date) {
                days.add(date.toInstant().atZone(ZoneOffset.UTC).toLocalDate());
                continue;
            }
            String text = item.toString().strip();
            int range = text.indexOf("..");
            if (range < 0) {
                days.add(LocalDate.parse(text));
                continue;
            }
            LocalDate first = LocalDate.parse(text.substring(0, range).strip());
            LocalDate last = LocalDate.parse(text.substring(range + 2).strip());
            if (last.isBefore(first) || last.isAfter(first.plusDays(366))) {
                throw new IllegalArgumentException("day range must run forwards and span at most a year: " + text);
            }
            first.datesUntil(last.plusDays(1)).forEach(days::add);
        }
        return days;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw new SlaConfigurationException(where + ": expected a mapping, found " + value);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        m.forEach((k, v) -> result.put(String.valueOf(k), v));
        return result;
    }

    private static Object read(Resource file) {
        try (InputStream in = file.getInputStream()) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new SlaConfigurationException("Cannot read " + KefuHome.describe(file), e);
        } catch (RuntimeException e) {
            throw new SlaConfigurationException(KefuHome.describe(file) + " is no valid YAML: " + e.getMessage(), e);
        }
    }

    /** Parses policies from YAML text, with calendars given by name (tests). */
    static SlaPolicies parseText(String yaml, Map<String, BusinessHours> calendars) {
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return parse(tree, calendars);
    }
}
