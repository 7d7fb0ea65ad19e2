package io.kefu.agent;

import java.time.Instant;
import java.util.Set;

import io.kefu.ticket.TicketView;

/**
 * An online agent as one assignment decision sees them: what they work and can, how much they hold.
 *
 * @param userId    the agent
 * @param queues    the queues (groups) they work
 * @param skills    their skills
 * @param languages their languages
 * @param capacity  conversations they take at once, per kind of work
 * @param load      tickets they hold now, per kind of work (from the database)
 * @param idleSince their last assignment or when they came online, whichever is later
 */
public record AssignmentCandidate(String userId, Set<String> queues, Set<String> skills, Set<String> languages,
        AgentCapacity capacity, AgentCapacity load, Instant idleSince) {

    /** Whether there is room for one more ticket of this kind of work. */
    public boolean hasRoomFor(WorkKind kind) {
        return load.of(kind) < capacity.of(kind);
    }

    /**
     * Whether this agent may be given the ticket: they work its queue and have room for its kind of
     * work, and — until the skills timeout opened it to the whole queue — hold every skill it needs
     * and its language (when triage found one).
     */
    public boolean mayTake(TicketView ticket) {
        if (ticket.queue() == null || !queues.contains(ticket.queue()) || !hasRoomFor(WorkKind.of(ticket.channel()))) {
            return false;
        }
        if (ticket.skillsTimedOutAt() != null) {
            return true;
        }
        String language = ticket.classification() == null ? null : ticket.classification().language();
        return skills.containsAll(ticket.requiredSkills()) && (language == null || languages.contains(language));
    }

    /** The same agent holding one more ticket of this kind, busy from {@code now}. */
    public AssignmentCandidate withOneMore(WorkKind kind, Instant now) {
        AgentCapacity more = kind == WorkKind.CHAT ? new AgentCapacity(load.chat() + 1, load.email())
                : new AgentCapacity(load.chat(), load.email() + 1);
        return new AssignmentCandidate(userId, queues, skills, languages, capacity, more, now);
    }
}
