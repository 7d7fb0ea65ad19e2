package io.kefu.workspace;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.kefu.chat.AttachmentService;
import io.kefu.chat.ChatReceipts;
import io.kefu.customer.CustomerService;
import io.kefu.agent.AgentPresence;
import io.kefu.agent.AgentService;
import io.kefu.agent.InvalidAgentProfileException;
import io.kefu.conversation.ReplyRefusedException;
import io.kefu.conversation.Direction;
import io.kefu.conversation.Message;
import io.kefu.knowledge.KnowledgeService;
import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketService;

/**
 * The agent task list page: open tasks per queue, with claim, reply and resolve. Scoped by the
 * caller's {@link TicketAccess}: a ticket out of reach answers 404 on every page and action.
 */
@Controller
class WorkspaceController {

    private static final int MAX_REPLY = 10000;
    /** Articles shown beside a ticket. */
    private static final int RELATED_ARTICLES = 3;

    private final AgentWorkService work;
    private final TicketService tickets;
    private final KnowledgeService knowledge;
    private final AttachmentService attachments;
    private final AgentService agents;
    private final ChatReceipts receipts;
    private final CustomerService customers;

    WorkspaceController(AgentWorkService work, TicketService tickets, KnowledgeService knowledge,
            AttachmentService attachments, AgentService agents, ChatReceipts receipts, CustomerService customers) {
        this.receipts = receipts;
        this.customers = customers;
        this.work = work;
        this.tickets = tickets;
        this.knowledge = knowledge;
        this.attachments = attachments;
        this.agents = agents;
    }

    @GetMapping("/workspace")
    String taskList(TicketAccess access, Model model) {
        model.addAttribute("queues", work.openTasksByQueue(access));
        // What the page's live connection subscribes to (workspace-live.js): the agent's queues, or all tasks.
        model.addAttribute("liveQueues", access.queues().stream().sorted().toList());
        model.addAttribute("everyTicket", access.everyTicket());
        model.addAttribute("me", agents.find(access.userId()).orElse(null));
        model.addAttribute("presences", AgentPresence.values());
        return "workspace/tasks";
    }

    /** The signed-in agent sets their own presence (ONLINE, AWAY, OFFLINE). */
    @PostMapping("/workspace/presence")
    String presence(@RequestParam String status, TicketAccess access, RedirectAttributes flash) {
        try {
            agents.setPresence(access.userId(), status);
            flash.addFlashAttribute("notice", "workspace.flash.presence");
        } catch (InvalidAgentProfileException e) {
            flash.addFlashAttribute("error", "workspace.error.presence");
        }
        return "redirect:/workspace";
    }

    /** The ticket with its transcript; 404 when it does not exist or is out of the caller's reach. */
    @GetMapping("/workspace/tickets/{id}")
    String ticket(@PathVariable long id, TicketAccess access, Model model) {
        var ticket = tickets.get(id, access);
        model.addAttribute("ticket", ticket);
        model.addAttribute("botFindings", work.botFindings(id).orElse(null));
        // Who the customer said they are (the chat's pre-chat form) and how far they received and read the replies.
        model.addAttribute("customer", customers.get(ticket.customerId()));
        model.addAttribute("receipts", receipts.of(ticket.customerId()));
        List<Message> messages = work.transcript(id, access);
        model.addAttribute("messages", messages);
        model.addAttribute("attachments", attachments.of(messages.stream().map(Message::id).toList()));
        model.addAttribute("attachmentTexts", attachments.textsOf(messages.stream().map(Message::id).toList()));
        // the customer's first message says what the ticket is about; later ones are often "thanks" or "?"
        String question = messages.stream().filter(m -> m.direction() == Direction.INBOUND).map(Message::body)
                .findFirst().orElse("");
        model.addAttribute("relatedArticles", knowledge.related(question, null, RELATED_ARTICLES));
        return "workspace/ticket";
    }

    @PostMapping("/workspace/tickets/{id}/claim")
    String claim(@PathVariable long id, TicketAccess access, RedirectAttributes flash) {
        return act(id, flash, "workspace.flash.claimed", () -> work.claim(id, access));
    }

    @PostMapping("/workspace/tickets/{id}/reply")
    String reply(@PathVariable long id, @RequestParam String text, TicketAccess access, RedirectAttributes flash) {
        if (text.isBlank() || text.length() > MAX_REPLY) {
            flash.addFlashAttribute("error", "workspace.error.reply-length");
            return "redirect:/workspace/tickets/" + id;
        }
        return act(id, flash, "workspace.flash.replied", () -> work.reply(id, access, text));
    }

    @PostMapping("/workspace/tickets/{id}/resolve")
    String resolve(@PathVariable long id, TicketAccess access, RedirectAttributes flash) {
        String view = act(id, flash, "workspace.flash.resolved", () -> work.resolve(id, access));
        return flash.getFlashAttributes().containsKey("error") ? view : "redirect:/workspace";
    }

    private String act(long id, RedirectAttributes flash, String success, Runnable action) {
        try {
            action.run();
            flash.addFlashAttribute("notice", success);
        } catch (TaskNotAvailableException e) {
            flash.addFlashAttribute("error", "workspace.error.not-available");
        } catch (ReplyRefusedException e) {
            // The customer's channel would not take the reply (WeChat's 48-hour window): nothing was stored.
            flash.addFlashAttribute("error", e.messageKey());
        }
        return "redirect:/workspace/tickets/" + id;
    }
}
