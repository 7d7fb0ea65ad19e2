package io.kefu.workspace;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.kefu.ticket.TicketAccess;

/**
 * {@code /workspace/canned-responses}: the caller's own and their teams' canned responses, with a
 * form to add one and to edit or delete each (POST-redirect-GET); and the ticket page's {@code /}
 * search (<code>/workspace/tickets/{id}/canned?q=</code>, JSON, filled for that ticket).
 */
@Controller
class CannedResponsePageController {

    private final CannedResponseService responses;

    CannedResponsePageController(CannedResponseService responses) {
        this.responses = responses;
    }

    @GetMapping("/workspace/canned-responses")
    String list(@RequestParam(required = false) Long edit, TicketAccess access, Model model) {
        model.addAttribute("responses", responses.list(access, null));
        model.addAttribute("teams", responses.teams(access));
        model.addAttribute("languages", List.of("zh", "en"));
        model.addAttribute("scopes", CannedScope.values());
        model.addAttribute("editing", edit == null ? null : responses.get(edit, access));
        return "workspace/canned-responses";
    }

    @PostMapping("/workspace/canned-responses")
    String create(CannedResponseDraft draft, TicketAccess access, RedirectAttributes flash) {
        try {
            responses.create(draft, access);
            flash.addFlashAttribute("notice", "canned.flash.saved");
        } catch (InvalidCannedResponseException e) {
            flash.addFlashAttribute("error", "canned.error." + e.field());
        }
        return "redirect:/workspace/canned-responses";
    }

    @PostMapping("/workspace/canned-responses/{id}")
    String update(@PathVariable long id, CannedResponseDraft draft, TicketAccess access, RedirectAttributes flash) {
        try {
            responses.update(id, draft, access);
            flash.addFlashAttribute("notice", "canned.flash.saved");
        } catch (InvalidCannedResponseException e) {
            flash.addFlashAttribute("error", "canned.error." + e.field());
            return "redirect:/workspace/canned-responses?edit=" + id;
        }
        return "redirect:/workspace/canned-responses";
    }

    @PostMapping("/workspace/canned-responses/{id}/delete")
    String delete(@PathVariable long id, TicketAccess access, RedirectAttributes flash) {
        responses.delete(id, access);
        flash.addFlashAttribute("notice", "canned.flash.deleted");
        return "redirect:/workspace/canned-responses";
    }

    /** What the reply box offers after {@code /}: matching responses filled for this ticket. */
    @GetMapping(path = "/workspace/tickets/{id}/canned", produces = "application/json")
    @ResponseBody
    List<CannedResponse> forTicket(@PathVariable long id, @RequestParam(required = false) String q, TicketAccess access) {
        return responses.forTicket(id, access, q);
    }
}
