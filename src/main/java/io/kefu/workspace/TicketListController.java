package io.kefu.workspace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.HttpServletResponse;

import io.kefu.customer.CustomerTier;
import io.kefu.ticket.Channel;
import io.kefu.ticket.InvalidTicketQueryException;
import io.kefu.ticket.Priority;
import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketListView;
import io.kefu.ticket.TicketPage;
import io.kefu.ticket.TicketQuery;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketSort;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

/**
 * {@code /tickets}: the ticket list and search as a page, over the same {@link TicketQuery} as
 * {@code GET /api/tickets} (so every filter, view, order and cursor means the same in both) and
 * scoped by the caller's {@link TicketAccess}. A bad parameter answers 400 with the form and a
 * message naming it; nothing is listed then.
 */
@Controller
class TicketListController {

    /** Page size: a screenful, the rest behind "more". */
    static final int PAGE = 25;
    /** Parameters of the page that are not the list's (the layout's language switch). */
    private static final Set<String> PAGE_ONLY = Set.of("lang");

    private final TicketService tickets;
    private final AgentWorkService work;

    TicketListController(TicketService tickets, AgentWorkService work) {
        this.tickets = tickets;
        this.work = work;
    }

    @GetMapping("/tickets")
    String list(@RequestParam MultiValueMap<String, String> params, TicketAccess access, Model model,
            HttpServletResponse response) {
        Map<String, String> query = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            String joined = String.join(",", values.stream().filter(v -> v != null && !v.isBlank()).toList());
            if (!PAGE_ONLY.contains(name) && !joined.isEmpty()) {
                query.put(name, joined);
            }
        });
        query.putIfAbsent("limit", String.valueOf(PAGE));
        if (!query.containsKey("view") && query.size() == 1) {
            // A bare /tickets: an agent's queues, a supervisor's everything.
            query.put("view", (access.everyTicket() ? TicketListView.ALL : TicketListView.MY_QUEUES).key());
        }
        model.addAttribute("params", query);
        model.addAttribute("views", access.everyTicket() ? List.of(TicketListView.values())
                : java.util.Arrays.stream(TicketListView.values()).filter(v -> v != TicketListView.ALL).toList());
        model.addAttribute("statuses", TicketStatus.values());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("tiers", CustomerTier.values());
        model.addAttribute("topics", Topic.values());
        model.addAttribute("sorts", TicketSort.values());
        model.addAttribute("queueNames", work.queues());
        model.addAttribute("agents", work.agents().stream().map(a -> a.userId()).toList());
        try {
            TicketPage page = tickets.list(TicketQuery.parse(query), access);
            model.addAttribute("page", page);
            model.addAttribute("more", page.nextCursor() == null ? null : moreLink(query, page.nextCursor()));
        } catch (InvalidTicketQueryException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("page", new TicketPage(List.of(), null));
            model.addAttribute("badField", e.field());
        }
        return "tickets/list";
    }

    /** This list's address with the next page's cursor. */
    private static String moreLink(Map<String, String> query, String cursor) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/tickets");
        query.forEach((name, value) -> {
            if (!"cursor".equals(name)) {
                link.queryParam(name, value);
            }
        });
        return link.queryParam("cursor", cursor).encode().build().toUriString();
    }
}
