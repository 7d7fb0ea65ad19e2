package io.kefu.workspace;

import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.kefu.agent.AgentNotFoundException;
import io.kefu.agent.AgentPresence;
import io.kefu.agent.InvalidAgentProfileException;
import io.kefu.ticket.TicketAccess;

/**
 * The supervisor console ({@code /supervisor}, supervisors and admins: SecurityConfig): live queues,
 * agents and open tickets; reassigning tickets and changing an agent's capacity and skills. The
 * page updates itself from the workspace's live connection ({@code supervisor-live.js}).
 */
@Controller
class SupervisorController {

    /** At most this many tickets in one reassignment. */
    private static final int MAX_TRANSFER = 200;
    private static final int MAX_NOTE = 2000;

    private final SupervisorConsole console;

    SupervisorController(SupervisorConsole console) {
        this.console = console;
    }

    @GetMapping("/supervisor")
    String console(TicketAccess access, Model model) {
        model.addAttribute("console", console.overview(access));
        model.addAttribute("presences", AgentPresence.values());
        return "supervisor/console";
    }

    /**
     * Reassigns the chosen tickets to a queue and/or an agent (either may be blank, not both), with
     * an optional note; the result names each ticket that was not moved and why.
     */
    @PostMapping("/supervisor/transfer")
    String transfer(@RequestParam(name = "ticket", required = false) List<Long> ticketIds,
            @RequestParam(required = false) String queue, @RequestParam(required = false) String agent,
            @RequestParam(required = false) String note, TicketAccess access, RedirectAttributes flash) {
        if (ticketIds == null || ticketIds.isEmpty()) {
            flash.addFlashAttribute("error", "supervisor.error.no-tickets");
        } else if (ticketIds.size() > MAX_TRANSFER) {
            flash.addFlashAttribute("error", "supervisor.error.too-many");
        } else if ((queue == null || queue.isBlank()) && (agent == null || agent.isBlank())) {
            flash.addFlashAttribute("error", "supervisor.error.no-target");
        } else if (note != null && note.length() > MAX_NOTE) {
            flash.addFlashAttribute("error", "supervisor.error.note-length");
        } else {
            SupervisorConsole.TransferOutcome outcome = console.transfer(ticketIds, access, queue, agent, note);
            flash.addFlashAttribute("transferred", outcome.transferred());
            flash.addFlashAttribute("refused", outcome.refused());
        }
        return "redirect:/supervisor";
    }

    /** Sets an agent's skills, languages (comma or space separated) and capacity per kind of work. */
    @PostMapping("/supervisor/agents/{userId}")
    String agent(@PathVariable String userId, @RequestParam(defaultValue = "") String skills,
            @RequestParam(defaultValue = "") String languages, @RequestParam(required = false) Integer chat,
            @RequestParam(required = false) Integer email, RedirectAttributes flash) {
        try {
            console.updateAgent(userId, words(skills), words(languages), chat, email);
            flash.addFlashAttribute("notice", "supervisor.flash.agent");
        } catch (InvalidAgentProfileException e) {
            flash.addFlashAttribute("error", "supervisor.error.agent");
            flash.addFlashAttribute("agentError", userId + ": " + e.getMessage());
        } catch (AgentNotFoundException e) {
            flash.addFlashAttribute("error", "supervisor.error.no-agent");
        }
        return "redirect:/supervisor";
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("[,\\s]+")).filter(w -> !w.isEmpty()).distinct().toList();
    }
}
