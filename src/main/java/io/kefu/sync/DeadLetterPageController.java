package io.kefu.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admins' page {@code /sync/dead-letters}: per destination the dead letters, pending deliveries
 * and lag ({@link OutboxMetrics}), the dead letters filtered by destination and event type in pages
 * linked by the API's cursor, one dead letter inspected (its event's payload and its full last
 * error), and replay one, a selection or all of the filter, and discard one after a confirm step.
 * Every action goes through {@link DeadLetters}, so it is audited as the API's call is; each answers
 * with a redirect back to the list and a flash message.
 */
@Controller
class DeadLetterPageController {

    /** Dead letters per page of the list. */
    static final int PAGE_SIZE = 25;
    /** Characters of the last error the list shows; the inspect page shows all. */
    static final int SHORT_ERROR = 160;
    private static final String LIST = "/sync/dead-letters";

    private final DeadLetters deadLetters;
    private final OutboxMetrics metrics;
    private final ObjectMapper json;

    private final Destinations destinations;

    DeadLetterPageController(DeadLetters deadLetters, OutboxMetrics metrics, ObjectMapper json, Destinations destinations) {
        this.destinations = destinations;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.json = json;
    }

    /** A destination's figures as the page shows them; the lag as a message key and its arguments. */
    record DestinationRow(String key, boolean enabled, long deadLetters, long pending, long inFlight, String lagKey,
            Object[] lagArgs) {
    }

    @GetMapping(LIST)
    String list(@RequestParam(required = false) String destination, @RequestParam(required = false) String type,
            @RequestParam(required = false) String cursor, Model model, HttpServletResponse response) {
        String dest = blankToEmpty(destination);
        String eventType = blankToEmpty(type);
        model.addAttribute("destination", dest);
        model.addAttribute("type", eventType);
        model.addAttribute("first", cursor == null || cursor.isBlank());
        model.addAttribute("figures", figures());
        model.addAttribute("destinations", destinations.names());
        List<String> types = new ArrayList<>(deadLetters.eventTypes());
        if (!eventType.isEmpty() && !types.contains(eventType)) {
            types.add(eventType);
        }
        model.addAttribute("types", types);
        model.addAttribute("shortError", SHORT_ERROR);
        try {
            model.addAttribute("page", deadLetters.page(dest, eventType, cursor, PAGE_SIZE));
            model.addAttribute("matching", deadLetters.count(dest, eventType));
        } catch (DeadLetters.InvalidRequest e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", "sync.dead-letters.error." + e.field());
        }
        return "sync/dead-letters";
    }

    @GetMapping(LIST + "/{id}")
    String inspect(@PathVariable long id, Model model, HttpServletResponse response) {
        return inspection(id, false, model, response);
    }

    /** The confirm step of a discard: the dead letter as inspected, with the button that discards it. */
    @GetMapping(LIST + "/{id}/discard")
    String confirmDiscard(@PathVariable long id, Model model, HttpServletResponse response) {
        return inspection(id, true, model, response);
    }

    @PostMapping(LIST + "/{id}/replay")
    String replay(@PathVariable long id, @RequestParam(required = false) String destination,
            @RequestParam(required = false) String type, RedirectAttributes redirect) {
        try {
            DeadLetters.DeadLetter letter = deadLetters.replay(id);
            notice(redirect, "sync.dead-letters.flash.replayed-one", letter.id(), letter.eventId(), letter.ticketId());
        } catch (DeadLetters.NotFound e) {
            redirect.addFlashAttribute("error", "sync.dead-letters.error.gone");
        }
        return backToList(destination, type, redirect);
    }

    @PostMapping(LIST + "/replay")
    String replaySelected(@RequestParam(required = false) List<String> ids,
            @RequestParam(required = false) String destination, @RequestParam(required = false) String type,
            RedirectAttributes redirect) {
        if (ids == null || ids.stream().allMatch(id -> id == null || id.isBlank())) {
            redirect.addFlashAttribute("error", "sync.dead-letters.error.none-chosen");
            return backToList(destination, type, redirect);
        }
        List<Long> chosen = new ArrayList<>();
        for (String id : ids) {
            if (id == null || id.isBlank()) {
                continue;
            }
            try {
                chosen.add(Long.valueOf(id.strip()));
            } catch (NumberFormatException e) {
                redirect.addFlashAttribute("error", "sync.dead-letters.error.ids");
                return backToList(destination, type, redirect);
            }
        }
        try {
            replayed(redirect, deadLetters.replay(destination, chosen), chosen.size());
        } catch (DeadLetters.InvalidRequest e) {
            redirect.addFlashAttribute("error", "sync.dead-letters.error." + e.field());
        }
        return backToList(destination, type, redirect);
    }

    @PostMapping(LIST + "/replay-all")
    String replayAll(@RequestParam(required = false) String destination, @RequestParam(required = false) String type,
            RedirectAttributes redirect) {
        try {
            DeadLetters.Replayed replayed = deadLetters.replayAll(destination, type);
            replayed(redirect, replayed, replayed.replayed());
        } catch (DeadLetters.InvalidRequest e) {
            redirect.addFlashAttribute("error", "sync.dead-letters.error." + e.field());
        }
        return backToList(destination, type, redirect);
    }

    @PostMapping(LIST + "/{id}/discard")
    String discard(@PathVariable long id, @RequestParam(required = false) String destination,
            @RequestParam(required = false) String type, RedirectAttributes redirect) {
        try {
            deadLetters.discard(id);
            notice(redirect, "sync.dead-letters.flash.discarded", id);
        } catch (DeadLetters.NotFound e) {
            redirect.addFlashAttribute("error", "sync.dead-letters.error.gone");
        }
        return backToList(destination, type, redirect);
    }

    private String inspection(long id, boolean confirmDiscard, Model model, HttpServletResponse response) {
        model.addAttribute("id", id);
        model.addAttribute("confirmDiscard", confirmDiscard);
        try {
            DeadLetters.Inspection inspection = deadLetters.inspect(id);
            model.addAttribute("inspection", inspection);
            model.addAttribute("payload", pretty(inspection.payload()));
        } catch (DeadLetters.NotFound e) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        return "sync/dead-letter";
    }

    /** The payload indented for reading; as stored when it is not JSON (never written so, but shown whatever it is). */
    private String pretty(String payload) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(payload));
        } catch (JsonProcessingException e) {
            return payload;
        }
    }

    private List<DestinationRow> figures() {
        return metrics.figures().stream().map(f -> {
            Lag lag = Lag.of(f.lag());
            return new DestinationRow(f.destination(), f.enabled(), f.deadLetters(), f.pending(), f.inFlight(),
                    lag.key(), lag.args());
        }).toList();
    }

    /** A lag in its two largest units, e.g. "3 min 20 s", as a message key and its arguments. */
    record Lag(String key, Object[] args) {
        static Lag of(Duration lag) {
            long seconds = Math.max(0, lag.toSeconds());
            if (seconds < 60) {
                return new Lag("sync.dead-letters.lag.seconds", new Object[] {seconds});
            }
            if (seconds < 3600) {
                return new Lag("sync.dead-letters.lag.minutes", new Object[] {seconds / 60, seconds % 60});
            }
            if (seconds < 86_400) {
                return new Lag("sync.dead-letters.lag.hours", new Object[] {seconds / 3600, seconds % 3600 / 60});
            }
            return new Lag("sync.dead-letters.lag.days", new Object[] {seconds / 86_400, seconds % 86_400 / 3600});
        }
    }

    private static void replayed(RedirectAttributes redirect, DeadLetters.Replayed replayed, int asked) {
        if (replayed.replayed() == 0) {
            redirect.addFlashAttribute("error", "sync.dead-letters.error.nothing-replayed");
        } else if (replayed.replayed() < asked) {
            notice(redirect, "sync.dead-letters.flash.replayed-some", replayed.replayed(), asked - replayed.replayed());
        } else {
            notice(redirect, "sync.dead-letters.flash.replayed", replayed.replayed());
        }
    }

    private static void notice(RedirectAttributes redirect, String key, Object... args) {
        redirect.addFlashAttribute("notice", key);
        redirect.addFlashAttribute("noticeArgs", args);
    }

    /** Back to the list with the filter the action was taken under (query parameters, encoded by Spring). */
    private static String backToList(String destination, String type, RedirectAttributes redirect) {
        if (destination != null && !destination.isBlank()) {
            redirect.addAttribute("destination", destination.strip());
        }
        if (type != null && !type.isBlank()) {
            redirect.addAttribute("type", type.strip());
        }
        return "redirect:" + LIST;
    }

    private static String blankToEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
