package io.kefu.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The ticket's SLA clocks (immutable; the aggregate swaps one for the next). A clock is a
 * deadline with its 75 % warning; the first-response and next-response clocks stop at an agent's
 * reply, the resolution clock pauses from an agent's reply until the customer writes again (the
 * ticket waits for the customer) and resumes with the business time it had left.
 */
record SlaState(SlaDeadline firstResponse, Instant firstRespondedAt, SlaDeadline nextResponse,
        SlaDeadline resolution, Instant pausedAt, List<SlaWarning> warnings, List<SlaBreach> breaches) {

    static final SlaState NONE = new SlaState(null, null, null, null, null, List.of(), List.of());

    SlaState {
        firstRespondedAt = seconds(firstRespondedAt);
        pausedAt = seconds(pausedAt);
        warnings = List.copyOf(warnings);
        breaches = List.copyOf(breaches);
    }

    /** Fresh clocks at routing; earlier breaches stay on record. */
    SlaState start(SlaTerms terms, Instant now) {
        return new SlaState(terms.deadline(now, terms.firstResponse()), null, null,
                terms.deadline(now, terms.resolution()), null, warnings, breaches);
    }

    /** An agent answered: response clocks stop, resolution waits for the customer. */
    SlaState agentReplied(Instant now) {
        return new SlaState(null, firstRespondedAt == null ? now : firstRespondedAt, null, resolution,
                pausedAt == null && resolution != null ? now : pausedAt, warnings, breaches);
    }

    /** The customer wrote: resolution resumes; after a first reply, the next reply is due. */
    SlaState customerWrote(SlaTerms terms, Instant now) {
        SlaDeadline resumed = pausedAt != null && resolution != null
                ? resolution.resumed(terms.calendar(), pausedAt, now) : resolution;
        SlaDeadline next = firstRespondedAt != null && nextResponse == null
                ? terms.deadline(now, terms.nextResponse()) : nextResponse;
        return new SlaState(firstResponse, firstRespondedAt, next, resumed, null, warnings, breaches);
    }

    /** Resolved: no clock runs any more; the resolution deadline stays visible. */
    SlaState stopped() {
        return new SlaState(null, firstRespondedAt, null, resolution == null ? null : resolution.warned(), null,
                warnings, breaches);
    }

    /**
     * Warnings and breaches due by {@code now}, each reported once to {@code warned} or
     * {@code breached} (target, due time), and the clocks with them recorded.
     */
    SlaState check(Instant at, BiConsumer<SlaTarget, Instant> warned, BiConsumer<SlaTarget, Instant> breached) {
        Instant now = seconds(at);
        List<SlaWarning> warnedNow = new ArrayList<>(warnings);
        List<SlaBreach> missed = new ArrayList<>(breaches);
        BiConsumer<SlaTarget, Instant> warn = (target, due) -> {
            warnedNow.add(new SlaWarning(target, due, now));
            warned.accept(target, due);
        };
        SlaDeadline first = check(SlaTarget.FIRST_RESPONSE, firstResponse, now, missed, warn, breached);
        SlaDeadline next = check(SlaTarget.NEXT_RESPONSE, nextResponse, now, missed, warn, breached);
        SlaDeadline resolve = pausedAt != null ? resolution
                : check(SlaTarget.RESOLUTION, resolution, now, missed, warn, breached);
        return new SlaState(first, firstRespondedAt, next, resolve, pausedAt, warnedNow, missed);
    }

    private static SlaDeadline check(SlaTarget target, SlaDeadline deadline, Instant now, List<SlaBreach> missed,
            BiConsumer<SlaTarget, Instant> warned, BiConsumer<SlaTarget, Instant> breached) {
        if (deadline == null) {
            return null;
        }
        SlaDeadline result = deadline;
        if (deadline.warnAt() != null && !deadline.warnAt().isAfter(now)) {
            result = deadline.warned();
            warned.accept(target, deadline.due());
        }
        if (!deadline.due().isAfter(now) && !breached(missed, target, deadline.due())) {
            missed.add(new SlaBreach(target, deadline.due(), now));
            breached.accept(target, deadline.due());
        }
        return result;
    }

    private static boolean breached(List<SlaBreach> missed, SlaTarget target, Instant due) {
        return missed.stream().anyMatch(b -> b.target() == target && b.dueAt().equals(due));
    }

    /** The earliest pending warning or breach, null when nothing is pending (what the watch queries). */
    Instant nextCheckAt() {
        return Stream.of(pending(SlaTarget.FIRST_RESPONSE, firstResponse), pending(SlaTarget.NEXT_RESPONSE, nextResponse),
                        pausedAt != null ? Stream.<Instant>empty() : pending(SlaTarget.RESOLUTION, resolution))
                .flatMap(s -> s).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
    }

    private Stream<Instant> pending(SlaTarget target, SlaDeadline deadline) {
        if (deadline == null) {
            return Stream.empty();
        }
        return Stream.of(deadline.warnAt(), breached(breaches, target, deadline.due()) ? null : deadline.due());
    }

    /** SLA times are kept in whole seconds (see {@link SlaDeadline}); null stays null. */
    static Instant seconds(Instant instant) {
        return instant == null ? null : instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    TicketSla view(String policy) {
        return new TicketSla(policy, due(firstResponse), due(nextResponse), due(resolution), pausedAt,
                firstRespondedAt, warnings, breaches);
    }

    private static Instant due(SlaDeadline deadline) {
        return deadline == null ? null : deadline.due();
    }
}
