package io.kefu.agent;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketAssigned;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketView;

/**
 * Agents' profiles and presence, and the choice of the agent a waiting ticket goes to. An agent is
 * a Camunda user; a user without a stored profile is OFFLINE with the default capacity
 * ({@code kefu.assignment.default-capacity}). Their queues are their Camunda groups, except the
 * role groups ({@code agents}, {@code supervisors}, {@code designers}, {@code camunda-admin}) and
 * groups of type {@code SYSTEM}.
 */
@Service
@Transactional
public class AgentService {

    /** Groups that are roles, not queues. */
    static final Set<String> ROLE_GROUPS = Set.of("agents", "supervisors", "designers", "camunda-admin");
    static final String AGENTS_GROUP = "agents";

    private static final Pattern SKILL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
    private static final int MAX_SKILLS = 50;
    private static final int MAX_LANGUAGES = 20;
    private static final int MAX_CAPACITY = 100;
    private static final int MAX_PERIODS = 50;

    private final AgentRepository agents;
    private final IdentityService identity;
    private final TicketService tickets;
    private final AssignmentProperties settings;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;

    AgentService(AgentRepository agents, IdentityService identity, TicketService tickets,
            AssignmentProperties settings, ApplicationEventPublisher events, ObjectMapper json, Clock clock) {
        this.agents = agents;
        this.identity = identity;
        this.tickets = tickets;
        this.settings = settings;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** Members of the {@code agents} group and everyone with a profile, by user id. */
    @Transactional(readOnly = true)
    public List<AgentProfile> list() {
        Map<String, AgentRepository.Row> rows = new HashMap<>();
        agents.findAll().forEach(r -> rows.put(r.userId(), r));
        SortedSet<String> ids = new TreeSet<>(rows.keySet());
        identity.createUserQuery().memberOfGroup(AGENTS_GROUP).list().forEach(u -> ids.add(u.getId()));
        Map<String, Map<Channel, Integer>> load = tickets.assignedLoad(ids);
        return ids.stream().map(id -> profile(id, Optional.ofNullable(rows.get(id)), load)).toList();
    }

    /**
     * The queues tickets can wait in: every Camunda group that is neither a role nor a system group
     * (type {@code SYSTEM}: the roles and the escalation ladder's groups such as {@code duty_managers}), sorted.
     */
    @Transactional(readOnly = true)
    public List<String> queues() {
        return identity.createGroupQuery().list().stream().filter(g -> !"SYSTEM".equals(g.getType()))
                .map(org.camunda.bpm.engine.identity.Group::getId).filter(id -> !ROLE_GROUPS.contains(id)).sorted()
                .toList();
    }

    /** The agent's profile; {@link AgentNotFoundException} when no such user exists. */
    @Transactional(readOnly = true)
    public AgentProfile get(String userId) {
        requireUser(userId);
        return profile(userId, agents.find(userId), tickets.assignedLoad(List.of(userId)));
    }

    /** The profile of this user if they are a Camunda user (pages: the signed-in person's own). */
    @Transactional(readOnly = true)
    public Optional<AgentProfile> find(String userId) {
        if (userId == null || identity.createUserQuery().userId(userId).count() == 0) {
            return Optional.empty();
        }
        return Optional.of(profile(userId, agents.find(userId), tickets.assignedLoad(List.of(userId))));
    }

    /** Replaces skills, languages, capacity and working hours; 400 naming the first bad field, nothing stored. */
    public AgentProfile update(String userId, AgentUpdate update) {
        AgentRepository.Row wanted = validated(userId, update);
        requireUser(userId);
        Instant now = now();
        if (!agents.insertIfAbsent(wanted, now)) {
            agents.updateProfile(wanted, now);
        }
        AgentProfile profile = get(userId);
        events.publishEvent(new AgentProfileChanged(profile, now));
        return profile;
    }

    /** Sets the presence ({@code ONLINE}, {@code AWAY}, {@code OFFLINE}); the same one again changes nothing. */
    public AgentProfile setPresence(String userId, String status) {
        AgentPresence presence = parsePresence(status);
        requireUser(userId);
        Instant now = now();
        agents.insertIfAbsent(defaults(userId, now), now);
        AgentRepository.Row row = agents.findForUpdate(userId).orElseThrow();
        if (row.presence() != presence) {
            agents.updatePresence(userId, presence, now);
            events.publishEvent(new AgentPresenceChanged(userId, row.presence(), presence, now));
        }
        return get(userId);
    }

    /**
     * The agent's last live workspace connection closed (and none opened within the grace): an
     * agent who is ONLINE or AWAY goes OFFLINE exactly as through {@link #setPresence}, so their
     * unanswered tickets are given back. Someone without an agent profile, or already OFFLINE, is
     * left alone (no profile is created for them).
     *
     * @return whether the presence changed
     */
    public boolean connectionLost(String userId) {
        Optional<AgentRepository.Row> row = agents.find(userId);
        if (row.isEmpty() || row.get().presence() == AgentPresence.OFFLINE) {
            return false;
        }
        setPresence(userId, AgentPresence.OFFLINE.name());
        return true;
    }

    /**
     * Takes the assignment lock until the caller's transaction ends. Every decision that counts load
     * and gives a ticket to an agent holds it, on every node, so an agent's last free slot is given once.
     */
    public void lockAssignments() {
        agents.lockAssignments();
    }

    /** The online agents who could take work, with their queues and their load from the database. */
    @Transactional(readOnly = true)
    public List<AssignmentCandidate> onlineCandidates() {
        List<AgentRepository.Row> online = agents.findOnline();
        if (online.isEmpty()) {
            return List.of();
        }
        Map<String, Map<Channel, Integer>> load = tickets.assignedLoad(online.stream().map(AgentRepository.Row::userId).toList());
        List<AssignmentCandidate> candidates = new ArrayList<>();
        for (AgentRepository.Row row : online) {
            Set<String> queues = queuesOf(row.userId());
            if (queues.isEmpty()) {
                continue;
            }
            Instant idleSince = row.lastAssignedAt() == null || row.lastAssignedAt().isBefore(row.presenceSince())
                    ? row.presenceSince() : row.lastAssignedAt();
            candidates.add(new AssignmentCandidate(row.userId(), queues, row.skills(), row.languages(),
                    new AgentCapacity(row.chatCapacity(), row.emailCapacity()), loadOf(load.get(row.userId())),
                    idleSince));
        }
        return candidates;
    }

    /**
     * The agent the ticket goes to among {@code candidates}, by its queue's strategy; empty when
     * nobody may take it (see {@link AssignmentCandidate#mayTake}). Round-robin moves the queue's
     * cursor to the agent chosen; call it under {@link #lockAssignments()}.
     */
    public Optional<AssignmentCandidate> choose(TicketView ticket, Collection<AssignmentCandidate> candidates) {
        List<AssignmentCandidate> eligible = candidates.stream().filter(c -> c.mayTake(ticket))
                .sorted(Comparator.comparing(AssignmentCandidate::userId)).toList();
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        WorkKind kind = WorkKind.of(ticket.channel());
        if (settings.strategyOf(ticket.queue()) == AssignmentStrategy.ROUND_ROBIN) {
            String last = agents.lastAgentOf(ticket.queue()).orElse("");
            AssignmentCandidate next = eligible.stream().filter(c -> c.userId().compareTo(last) > 0).findFirst()
                    .orElse(eligible.get(0));
            agents.setLastAgent(ticket.queue(), next.userId());
            return Optional.of(next);
        }
        return eligible.stream().min(Comparator.<AssignmentCandidate>comparingInt(c -> c.load().of(kind))
                .thenComparing(AssignmentCandidate::idleSince)
                .thenComparing(AssignmentCandidate::userId));
    }

    /** Whoever got a ticket — pushed or claimed by hand — was busy from then: "longest idle" counts from it. */
    @EventListener
    void on(TicketAssigned event) {
        agents.noteAssigned(event.ticket().assignee(), event.occurredAt());
    }

    private AgentProfile profile(String userId, Optional<AgentRepository.Row> stored, Map<String, Map<Channel, Integer>> load) {
        AgentRepository.Row row = stored.orElseGet(() -> defaults(userId, null));
        return new AgentProfile(userId, List.copyOf(new TreeSet<>(queuesOf(userId))), List.copyOf(row.skills()),
                List.copyOf(row.languages()), new AgentCapacity(row.chatCapacity(), row.emailCapacity()),
                loadOf(load.get(userId)), row.presence(), row.presenceSince(), workingHours(row.workingHours()),
                row.lastAssignedAt());
    }

    private static AgentCapacity loadOf(Map<Channel, Integer> byChannel) {
        if (byChannel == null) {
            return new AgentCapacity(0, 0);
        }
        int chat = 0;
        int email = 0;
        for (Map.Entry<Channel, Integer> e : byChannel.entrySet()) {
            if (WorkKind.of(e.getKey()) == WorkKind.CHAT) {
                chat += e.getValue();
            } else {
                email += e.getValue();
            }
        }
        return new AgentCapacity(chat, email);
    }

    private Set<String> queuesOf(String userId) {
        Set<String> queues = new TreeSet<>();
        for (Group group : identity.createGroupQuery().groupMember(userId).list()) {
            if (!ROLE_GROUPS.contains(group.getId()) && !"SYSTEM".equals(group.getType())) {
                queues.add(group.getId());
            }
        }
        return queues;
    }

    private AgentRepository.Row defaults(String userId, Instant now) {
        return new AgentRepository.Row(userId, new TreeSet<>(), new TreeSet<>(), settings.defaultCapacity().chat(),
                settings.defaultCapacity().email(), AgentPresence.OFFLINE, now, null, null);
    }

    private void requireUser(String userId) {
        if (userId == null || userId.isBlank() || userId.length() > 64
                || identity.createUserQuery().userId(userId).count() == 0) {
            throw new AgentNotFoundException(userId);
        }
    }

    private static AgentPresence parsePresence(String status) {
        if (status == null) {
            throw new InvalidAgentProfileException("status", "is required (ONLINE, AWAY or OFFLINE)");
        }
        try {
            return AgentPresence.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidAgentProfileException("status", "must be ONLINE, AWAY or OFFLINE");
        }
    }

    private AgentRepository.Row validated(String userId, AgentUpdate update) {
        SortedSet<String> skills = names("skills", update.skills(), SKILL, MAX_SKILLS,
                "1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit");
        SortedSet<String> languages = names("languages", update.languages(), LANGUAGE, MAX_LANGUAGES,
                "a language tag such as zh, en or zh-Hant");
        if (update.capacity() == null) {
            throw new InvalidAgentProfileException("capacity", "is required: {\"chat\": n, \"email\": n}");
        }
        int chat = count("capacity.chat", update.capacity().chat());
        int email = count("capacity.email", update.capacity().email());
        String hours = update.workingHours() == null ? null : workingHoursJson(update.workingHours());
        return new AgentRepository.Row(userId, skills, languages, chat, email, AgentPresence.OFFLINE, null, hours, null);
    }

    private static SortedSet<String> names(String field, List<String> values, Pattern pattern, int max, String rule) {
        if (values == null) {
            throw new InvalidAgentProfileException(field, "is required (a list, possibly empty)");
        }
        if (values.size() > max) {
            throw new InvalidAgentProfileException(field, "holds at most " + max + " entries");
        }
        SortedSet<String> names = new TreeSet<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (value == null || !pattern.matcher(value).matches()) {
                throw new InvalidAgentProfileException(field + "[" + i + "]", "must be " + rule);
            }
            names.add(value);
        }
        return names;
    }

    private static int count(String field, Integer value) {
        if (value == null) {
            throw new InvalidAgentProfileException(field, "is required");
        }
        if (value < 0 || value > MAX_CAPACITY) {
            throw new InvalidAgentProfileException(field, "must be between 0 and " + MAX_CAPACITY);
        }
        return value;
    }

    private String workingHoursJson(WorkingHours hours) {
        if (hours.timeZone() == null) {
            throw new InvalidAgentProfileException("workingHours.timeZone", "is required, e.g. Asia/Shanghai");
        }
        try {
            ZoneId.of(hours.timeZone());
        } catch (RuntimeException e) {
            throw new InvalidAgentProfileException("workingHours.timeZone", "is not a time zone (e.g. Asia/Shanghai)");
        }
        if (hours.periods() == null || hours.periods().size() > MAX_PERIODS) {
            throw new InvalidAgentProfileException("workingHours.periods", "is required, at most " + MAX_PERIODS + " periods");
        }
        for (int i = 0; i < hours.periods().size(); i++) {
            WorkingHours.Period period = hours.periods().get(i);
            String at = "workingHours.periods[" + i + "]";
            if (period == null || period.days() == null || period.days().isEmpty()) {
                throw new InvalidAgentProfileException(at + ".days", "is required: MON, TUE, WED, THU, FRI, SAT, SUN");
            }
            for (String day : period.days()) {
                if (day == null || !Set.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN").contains(day)) {
                    throw new InvalidAgentProfileException(at + ".days", "must name MON, TUE, WED, THU, FRI, SAT or SUN");
                }
            }
            LocalTime from = time(at + ".from", period.from());
            LocalTime to = time(at + ".to", period.to());
            if (!from.isBefore(to)) {
                throw new InvalidAgentProfileException(at + ".to", "must be after from");
            }
        }
        try {
            return json.writeValueAsString(hours);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalTime time(String field, String value) {
        if (value == null || !TIME.matcher(value).matches()) {
            throw new InvalidAgentProfileException(field, "must be a time HH:mm");
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidAgentProfileException(field, "must be a time HH:mm");
        }
    }

    private WorkingHours workingHours(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, WorkingHours.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored working hours unreadable", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
