package io.kefu.workspace;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.kefu.chat.AttachmentReading;
import io.kefu.chat.AttachmentService;
import io.kefu.chat.MessageImages;
import io.kefu.chat.ChatReceipts;
import io.kefu.customer.CustomerService;
import io.kefu.agent.AgentPresence;
import io.kefu.agent.AgentService;
import io.kefu.agent.InvalidAgentProfileException;
import io.kefu.conversation.ReplyRefusedException;
import io.kefu.knowledge.KnowledgeService;
import io.kefu.knowledge.MarkdownRenderer;
import io.kefu.ticket.IllegalTicketStateException;
import io.kefu.ticket.InvalidTicketActionException;
import io.kefu.ticket.Priority;
import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketQuery;
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
    /** How long the ticket page offers to wait for the customer (ISO-8601 durations). */
    static final List<String> WAIT_CHOICES = List.of("PT1H", "PT4H", "P1D", "P3D", "P7D");
    /** The customer's other tickets shown in the profile. */
    private static final int OTHER_TICKETS = 10;
    /** Who the bot's messages are by (lifecycle's BotSelfService). */
    private static final String BOT_AUTHOR = "bot";

    private final AgentWorkService work;
    private final TicketService tickets;
    private final KnowledgeService knowledge;
    private final AttachmentService attachments;
    private final AgentService agents;
    private final ChatReceipts receipts;
    private final CustomerService customers;
    private final MarkdownRenderer markdown;
    private final AttachmentReading imagesRead;
    private final ReplyChannels replyChannels;
    private final CustomerMerges customerMerges;

    WorkspaceController(AgentWorkService work, TicketService tickets, KnowledgeService knowledge,
            AttachmentService attachments, AgentService agents, ChatReceipts receipts, CustomerService customers,
            MarkdownRenderer markdown, AttachmentReading imagesRead, ReplyChannels replyChannels,
            CustomerMerges customerMerges) {
        this.replyChannels = replyChannels;
        this.customerMerges = customerMerges;
        this.receipts = receipts;
        this.customers = customers;
        this.markdown = markdown;
        this.imagesRead = imagesRead;
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

    /**
     * The ticket with its transcript (messages and internal notes in time order) and the tools to
     * work it; 404 when it does not exist or is out of the caller's reach. The bot's answers are
     * knowledge-base Markdown, shown as sanitised HTML; everything else is shown as text.
     */
    @GetMapping("/workspace/tickets/{id}")
    String ticket(@PathVariable long id, TicketAccess access, Model model) {
        var ticket = tickets.get(id, access);
        model.addAttribute("ticket", ticket);
        model.addAttribute("botFindings", work.botFindings(id).orElse(null));
        // Who the customer said they are (the chat's pre-chat form) and how far they received and read the replies.
        model.addAttribute("customer", customers.get(ticket.customerId()));
        // The profile beside the transcript: where the customer wrote from and their other tickets
        // (as far as the caller reaches them), newest first.
        List<io.kefu.customer.ChannelIdentity> identities = customers.identities(ticket.customerId());
        model.addAttribute("identities", identities);
        model.addAttribute("identityKinds", io.kefu.customer.IdentityKind.values());
        model.addAttribute("replyChannels", replyChannels.of(ticket, identities));
        model.addAttribute("otherTickets", tickets.list(TicketQuery.parse(java.util.Map.of("customer",
                ticket.customerExternalId(), "limit", String.valueOf(OTHER_TICKETS + 1))), access).items().stream()
                .filter(t -> !t.id().equals(ticket.id())).limit(OTHER_TICKETS).toList());
        model.addAttribute("me", access.userId());
        model.addAttribute("links", work.links(id, access));
        model.addAttribute("followUp", work.followUp(id, access).orElse(null));
        model.addAttribute("waitChoices", WAIT_CHOICES);
        model.addAttribute("receipts", receipts.of(ticket.customerId()));
        List<TranscriptEntry> entries = work.transcriptWithNotes(id, access);
        model.addAttribute("messages", entries);
        List<Long> messageIds = entries.stream().map(TranscriptEntry::messageId).filter(java.util.Objects::nonNull).toList();
        // a HashMap: a note has no message id, and asking an immutable map for null throws
        model.addAttribute("attachments", new java.util.HashMap<>(attachments.of(messageIds)));
        model.addAttribute("attachmentTexts", new java.util.HashMap<>(attachments.textsOf(messageIds)));
        java.util.Map<Long, String> botHtml = new java.util.HashMap<>();
        entries.stream().filter(e -> "outbound".equals(e.direction()) && BOT_AUTHOR.equals(e.author()))
                .forEach(e -> botHtml.put(e.messageId(), markdown.toSafeHtml(e.body())));
        model.addAttribute("botHtml", botHtml);
        // the customer's first message says what the ticket is about; later ones are often "thanks" or "?"
        // With the text read in its images, as triage and the bot read it: a screenshot-only first
        // message is about what it shows.
        String question = entries.stream().filter(e -> "inbound".equals(e.direction())).findFirst()
                .map(first -> {
                    MessageImages images = imagesRead.textsByMessage(id).get(first.messageId());
                    return images == null ? first.body() : images.joinedWith(first.body());
                })
                .orElse("");
        model.addAttribute("relatedArticles", knowledge.related(question, null, RELATED_ARTICLES));
        model.addAttribute("transferQueues", work.queues());
        model.addAttribute("transferAgents", work.agents());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("mergedInto", tickets.mergedInto(id).orElse(null));
        model.addAttribute("mergedFrom", tickets.mergedFrom(id));
        return "workspace/ticket";
    }

    /** A knowledge article as the reply box takes it: title and text, as written. */
    record ArticleForReply(long id, String title, String text) {
    }

    /**
     * A published article to insert into this ticket's reply (the page's "insert" button); 404 for a
     * draft, a missing article, or a ticket out of the caller's reach.
     */
    @GetMapping(path = "/workspace/tickets/{id}/articles/{articleId}", produces = "application/json")
    @org.springframework.web.bind.annotation.ResponseBody
    ArticleForReply articleForReply(@PathVariable long id, @PathVariable long articleId, TicketAccess access) {
        tickets.get(id, access);
        var article = knowledge.get(articleId);
        if (article.status() != io.kefu.knowledge.ArticleStatus.PUBLISHED) {
            throw new io.kefu.knowledge.ArticleNotFoundException(articleId);
        }
        return new ArticleForReply(article.id(), article.title(), article.body());
    }

    /** An internal note: staff see it in the transcript, no channel ever sends it. */
    @PostMapping("/workspace/tickets/{id}/notes")
    String note(@PathVariable long id, @RequestParam String text, TicketAccess access, RedirectAttributes flash) {
        if (text.isBlank() || text.length() > MAX_REPLY) {
            flash.addFlashAttribute("error", "workspace.error.note-length");
            return "redirect:/workspace/tickets/" + id;
        }
        return act(id, flash, "workspace.flash.noted", () -> work.addNote(id, access, text));
    }

    /**
     * To another queue and/or agent with an optional note. Back to the ticket while the caller still
     * reaches it, else to the task list (the ticket went to a queue they do not work).
     */
    @PostMapping("/workspace/tickets/{id}/transfer")
    String transfer(@PathVariable long id, @RequestParam(required = false) String queue,
            @RequestParam(required = false) String agent, @RequestParam(required = false) String note,
            TicketAccess access, RedirectAttributes flash) {
        if (note != null && note.length() > MAX_REPLY) {
            flash.addFlashAttribute("error", "workspace.error.note-length");
            return "redirect:/workspace/tickets/" + id;
        }
        String view = act(id, flash, "workspace.flash.transferred", () -> work.transfer(id, access, queue, agent, note));
        return flash.getFlashAttributes().containsKey("error") || tickets.find(id, access).isPresent() ? view
                : "redirect:/workspace";
    }

    /** Merges this ticket into another; on to the one that goes on. */
    @PostMapping("/workspace/tickets/{id}/merge")
    String merge(@PathVariable long id, @RequestParam String intoTicketId, TicketAccess access, RedirectAttributes flash) {
        tickets.get(id, access);
        long into;
        try {
            into = Long.parseLong(intoTicketId.strip().replaceFirst("^#", ""));
        } catch (NumberFormatException e) {
            flash.addFlashAttribute("error", "workspace.error.invalid.intoTicketId");
            return "redirect:/workspace/tickets/" + id;
        }
        try {
            tickets.get(into, access);
        } catch (io.kefu.ticket.TicketNotFoundException e) {
            flash.addFlashAttribute("error", "workspace.error.merge-target");
            return "redirect:/workspace/tickets/" + id;
        }
        String view = act(id, flash, "workspace.flash.merged", () -> work.merge(id, access, into));
        return flash.getFlashAttributes().containsKey("error") ? view : "redirect:/workspace/tickets/" + into;
    }

    /** Links another ticket (given as {@code 42} or {@code #42}) as related. */
    @PostMapping("/workspace/tickets/{id}/links")
    String link(@PathVariable long id, @RequestParam String ticketId, TicketAccess access, RedirectAttributes flash) {
        tickets.get(id, access);
        long other;
        try {
            other = Long.parseLong(ticketId.strip().replaceFirst("^#", ""));
        } catch (NumberFormatException e) {
            flash.addFlashAttribute("error", "workspace.error.invalid.ticketId");
            return "redirect:/workspace/tickets/" + id;
        }
        try {
            return act(id, flash, "workspace.flash.linked", () -> work.link(id, access, other));
        } catch (io.kefu.ticket.TicketNotFoundException e) {
            flash.addFlashAttribute("error", "workspace.error.merge-target");
            return "redirect:/workspace/tickets/" + id;
        }
    }

    @PostMapping("/workspace/tickets/{id}/links/{otherId}/delete")
    String unlink(@PathVariable long id, @PathVariable long otherId, TicketAccess access, RedirectAttributes flash) {
        return act(id, flash, "workspace.flash.unlinked", () -> work.unlink(id, access, otherId));
    }

    /** Waits for the customer for one of {@link #WAIT_CHOICES}, with an optional note for the follow-up. */
    @PostMapping("/workspace/tickets/{id}/wait")
    String waitForCustomer(@PathVariable long id, @RequestParam String after, @RequestParam(required = false) String note,
            TicketAccess access, RedirectAttributes flash) {
        tickets.get(id, access);
        if (!WAIT_CHOICES.contains(after)) {
            flash.addFlashAttribute("error", "workspace.error.invalid.followUpAt");
            return "redirect:/workspace/tickets/" + id;
        }
        return act(id, flash, "workspace.flash.waiting", () -> work.waitForCustomer(id, access, null, after, note));
    }

    @PostMapping("/workspace/tickets/{id}/wait/delete")
    String stopWaiting(@PathVariable long id, TicketAccess access, RedirectAttributes flash) {
        return act(id, flash, "workspace.flash.stopped-waiting", () -> work.stopWaiting(id, access));
    }

    @PostMapping("/workspace/tickets/{id}/unclaim")
    String unclaim(@PathVariable long id, TicketAccess access, RedirectAttributes flash) {
        return act(id, flash, "workspace.flash.unclaimed", () -> work.unclaim(id, access));
    }

    @PostMapping("/workspace/tickets/{id}/priority")
    String priority(@PathVariable long id, @RequestParam String priority, TicketAccess access, RedirectAttributes flash) {
        return act(id, flash, "workspace.flash.priority", () -> work.changePriority(id, access, priority));
    }

    @PostMapping("/workspace/tickets/{id}/claim")
    String claim(@PathVariable long id, TicketAccess access, RedirectAttributes flash) {
        return act(id, flash, "workspace.flash.claimed", () -> work.claim(id, access));
    }

    /** The agent's reply, on the channel chosen in the form (default: that of the customer's latest message). */
    @PostMapping("/workspace/tickets/{id}/reply")
    String reply(@PathVariable long id, @RequestParam String text, @RequestParam(required = false) String channel,
            TicketAccess access, RedirectAttributes flash) {
        if (text.isBlank() || text.length() > MAX_REPLY) {
            flash.addFlashAttribute("error", "workspace.error.reply-length");
            return "redirect:/workspace/tickets/" + id;
        }
        return act(id, flash, "workspace.flash.replied", () -> work.reply(id, access, text, channel));
    }

    /**
     * Links an identity (kind and address) to the ticket's customer. Refused with the owner's id when
     * another customer has it: the agent merges the two then.
     */
    @PostMapping("/workspace/tickets/{id}/customer/identities")
    String linkIdentity(@PathVariable long id, @RequestParam String kind, @RequestParam String address,
            TicketAccess access, RedirectAttributes flash) {
        var ticket = tickets.get(id, access);
        try {
            boolean linked = customers.link(ticket.customerExternalId(), kind, address);
            flash.addFlashAttribute("notice", linked ? "workspace.flash.identity-linked" : "workspace.flash.identity-known");
        } catch (io.kefu.customer.IdentityTakenException e) {
            flash.addFlashAttribute("error", "workspace.error.identity-taken");
            flash.addFlashAttribute("errorArgument", e.owner());
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", "workspace.error.identity-invalid");
        }
        return "redirect:/workspace/tickets/" + id;
    }

    /** Merges another customer (by external id) into the ticket's customer; on to the ticket that goes on. */
    @PostMapping("/workspace/tickets/{id}/customer/merge")
    String mergeCustomer(@PathVariable long id, @RequestParam String from, TicketAccess access, RedirectAttributes flash) {
        var ticket = tickets.get(id, access);
        try {
            var merged = customerMerges.merge(ticket.customerExternalId(), from.strip(), access.userId());
            flash.addFlashAttribute("notice", "workspace.flash.customer-merged");
            return "redirect:/workspace/tickets/" + (merged.openTicket() != null && tickets.find(merged.openTicket(), access)
                    .isPresent() ? merged.openTicket() : id);
        } catch (io.kefu.customer.CustomerNotFoundException e) {
            flash.addFlashAttribute("error", "workspace.error.customer-unknown");
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", "workspace.error.customer-same");
        }
        return "redirect:/workspace/tickets/" + id;
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
        } catch (InvalidTicketActionException e) {
            flash.addFlashAttribute("error", "workspace.error.invalid." + e.field());
        } catch (IllegalTicketStateException e) {
            flash.addFlashAttribute("error", "workspace.error.ticket-state");
        } catch (ReplyRefusedException e) {
            // The customer's channel would not take the reply (WeChat's 48-hour window): nothing was stored.
            flash.addFlashAttribute("error", e.messageKey());
        }
        return "redirect:/workspace/tickets/" + id;
    }
}
