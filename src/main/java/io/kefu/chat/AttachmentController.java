package io.kefu.chat;

import java.io.IOException;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketNotFoundException;
import io.kefu.ticket.TicketService;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.TicketView;

/**
 * Attachments on the workspace pages: agents upload on a ticket page and read the files of
 * tickets they may see; any other file reads like a missing one (404). The widget's side is
 * {@link VisitorAttachmentController}.
 */
@Controller
class AttachmentController {

    private final AttachmentService attachments;
    private final TicketService tickets;

    AttachmentController(AttachmentService attachments, TicketService tickets) {
        this.attachments = attachments;
        this.tickets = tickets;
    }

    /** A file of a ticket the agent may see. */
    @GetMapping("/workspace/attachments/{id}")
    ResponseEntity<byte[]> agentRead(@PathVariable long id, TicketAccess access,
            @RequestParam(name = "thumbnail", defaultValue = "false") boolean thumbnail) {
        AttachmentService.Stored stored = attachments.find(id)
                .filter(s -> tickets.find(s.ticketId(), access).isPresent())
                .orElseThrow(() -> new AttachmentNotFoundException(id));
        return AttachmentResponses.serve(attachments, stored, thumbnail);
    }

    /** An agent sends a file on a ticket they work; back to the ticket page. */
    @PostMapping("/workspace/tickets/{id}/attachments")
    String agentUpload(@PathVariable long id, TicketAccess access,
            @RequestParam(name = "file", required = false) MultipartFile file, RedirectAttributes flash) throws IOException {
        TicketView ticket = tickets.get(id, access);
        if (file == null || file.isEmpty()) {
            throw new ChatRefusedException("bad_request", "Choose a file to send");
        }
        if (ticket.status() != TicketStatus.QUEUED && ticket.status() != TicketStatus.ASSIGNED) {
            throw new TicketNotFoundException(id);
        }
        try {
            attachments.fromAgent(ticket, access.userId(), file.getOriginalFilename(), file.getBytes(), null);
            flash.addFlashAttribute("notice", "flash.attachment-sent");
        } catch (ChatRefusedException refused) {
            flash.addFlashAttribute("error", "flash.attachment-refused");
        }
        return "redirect:/workspace/tickets/" + id;
    }

}
