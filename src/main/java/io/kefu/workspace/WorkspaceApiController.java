package io.kefu.workspace;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.kefu.chat.AttachmentService;
import io.kefu.conversation.Message;
import io.kefu.ticket.TicketAccess;
import io.kefu.ticket.TicketNote;
import io.kefu.ticket.TicketView;

/**
 * The agent workspace as JSON, for agent apps, back-office systems and tests. Each call is scoped
 * by the caller's {@link TicketAccess}: a ticket out of reach answers 404, as a missing one.
 */
@RestController
class WorkspaceApiController {

    private final AgentWorkService work;
    private final AttachmentService attachments;
    private final io.kefu.ticket.TicketService tickets;
    private final ReplyChannels replyChannels;
    private final CustomerMerges customerMerges;

    WorkspaceApiController(AgentWorkService work, AttachmentService attachments, io.kefu.ticket.TicketService tickets,
            ReplyChannels replyChannels, CustomerMerges customerMerges) {
        this.work = work;
        this.attachments = attachments;
        this.tickets = tickets;
        this.replyChannels = replyChannels;
        this.customerMerges = customerMerges;
    }

    /**
     * Lists the open agent tasks the caller may work on, grouped by queue.
     * An agent gets the tasks of their queues and their own, supervisors and admins those of every
     * queue. Each queue's tasks come highest priority first, then longest waiting, with a preview of
     * the customer's last message.
     */
    @GetMapping("/api/workspace/tasks")
    Map<String, List<AgentTask>> tasks(TicketAccess access) {
        return work.openTasksByQueue(access);
    }

    /**
     * Claims the ticket for the caller, who then works it.
     * Answers the ticket ({@code ASSIGNED}); claiming a ticket the caller already holds changes nothing.
     * 404 for a ticket out of the caller's reach; 409 when someone else has claimed it or it has no open
     * task. Agents (own queues), supervisors, admins and tokens with {@code tickets:write}.
     */
    @PostMapping("/api/tickets/{id}/claim")
    TicketView claim(@PathVariable long id, TicketAccess access) {
        return work.claim(id, access);
    }

    /**
     * Adds a reply from the agent to the customer, sent on the channel of the customer's latest message.
     * The body is <code>{text, channel}</code>: text not blank and at most 10,000 characters; {@code channel}
     * optional, another channel the customer is linked on ({@code GET /api/tickets/{id}/reply-channels}),
     * 400 for one they are not. Answers 201 with the stored outbound message and the {@code channel} it
     * goes out on; it meets the SLA's first or next response. 404 for a ticket out of the caller's reach;
     * 409 when the caller has no open task on it, or when the channel refuses the message (such as a
     * closed WeChat reply window), and then nothing is stored.
     */
    @PostMapping("/api/tickets/{id}/replies")
    @ResponseStatus(HttpStatus.CREATED)
    Message reply(@PathVariable long id, @Valid @RequestBody Reply reply, TicketAccess access) {
        return work.reply(id, access, reply.text(), reply.channel());
    }

    /**
     * The channels a reply on this ticket can take: <code>{preferred, channels}</code>, {@code preferred} the
     * channel of the customer's latest message (where a reply goes unless the agent chooses), {@code channels}
     * every channel the customer is linked on, the preferred first. 404 for a ticket out of the caller's reach.
     */
    @GetMapping("/api/tickets/{id}/reply-channels")
    ReplyChannels.Choice replyChannels(@PathVariable long id, TicketAccess access) {
        return replyChannels.of(tickets.get(id, access));
    }

    /**
     * Merges another customer into this ticket's customer (one person on two channels, say WeChat and
     * the web chat): the body is <code>{from}</code>, the other customer's external id. When both have an
     * open ticket, the other's is merged into this one first; then their identities, conversations,
     * tickets and web visitors become this customer's, and the other external id stands for this customer
     * from now on. Answers <code>{externalId, merged, openTicket, mergedTicket}</code>. 404 for a ticket out of
     * the caller's reach or an unknown customer; 400 for the same customer twice. Audited.
     */
    @PostMapping("/api/tickets/{id}/customer/merge")
    CustomerMerges.Merged mergeCustomer(@PathVariable long id, @Valid @RequestBody CustomerMerge merge, TicketAccess access) {
        TicketView ticket = tickets.get(id, access);
        return customerMerges.merge(ticket.customerExternalId(), merge.from().strip(), access.userId());
    }

    /**
     * Resolves the ticket by completing its agent task.
     * An unclaimed ticket is claimed for the caller first; answers the ticket ({@code RESOLVED}). 404 for
     * a ticket out of the caller's reach; 409 when someone else has claimed it or it has no open task.
     */
    @PostMapping("/api/tickets/{id}/resolve")
    TicketView resolve(@PathVariable long id, TicketAccess access) {
        return work.resolve(id, access);
    }

    /** An internal note: shown to staff in the transcript, never sent to the customer. */
    @PostMapping("/api/tickets/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    TicketNote note(@PathVariable long id, @Valid @RequestBody Reply note, TicketAccess access) {
        return work.addNote(id, access, note.text());
    }

    /** To another queue and/or agent, with an optional note; 400 names a bad field, 409 when not the caller's to move. */
    @PostMapping("/api/tickets/{id}/transfer")
    TicketView transfer(@PathVariable long id, @Valid @RequestBody Transfer transfer, TicketAccess access) {
        return work.transfer(id, access, transfer.queue(), transfer.agent(), transfer.note());
    }

    /**
     * Gives the ticket back to its queue, for another agent to take.
     * The task loses its assignee and the assignment offers the ticket to an agent of the queue again.
     * An agent may give back only a ticket they hold, supervisors and admins anyone's. Answers the
     * ticket; 404 for a ticket out of the caller's reach; 409 when nobody holds it or someone else does.
     */
    @PostMapping("/api/tickets/{id}/unclaim")
    TicketView unclaim(@PathVariable long id, TicketAccess access) {
        return work.unclaim(id, access);
    }

    /**
     * Sets the ticket's priority.
     * The body is <code>{priority}</code>, one of {@code LOW}, {@code NORMAL}, {@code HIGH}, {@code URGENT} in
     * any case (400 otherwise); answers the ticket, and the running lifecycle's priority follows. 404 for a
     * ticket out of the caller's reach; 409 once the ticket is resolved or closed. Audited as
     * {@code ticket.priority} when the priority changes.
     */
    @PostMapping("/api/tickets/{id}/priority")
    TicketView priority(@PathVariable long id, @Valid @RequestBody PriorityChange change, TicketAccess access) {
        return work.changePriority(id, access, change.priority());
    }

    /**
     * Merges this ticket into {@code intoTicketId}: its messages and notes move there, it is closed
     * with a pointer, its lifecycle ends; answers the ticket that goes on.
     */
    @PostMapping("/api/tickets/{id}/merge")
    TicketView merge(@PathVariable long id, @Valid @RequestBody Merge merge, TicketAccess access) {
        return work.merge(id, access, merge.intoTicketId());
    }

    /**
     * Waits for the customer until {@code followUpAt} (an ISO-8601 instant) or for {@code after}
     * (an ISO-8601 duration, e.g. {@code P1D}); one of the two. Waiting again moves the time. The
     * answer's {@code remindAt} is when the bot reminds the customer ({@code kefu.follow-up.remind-after}
     * into the wait), absent when no reminder comes before the follow-up.
     */
    @PostMapping("/api/tickets/{id}/wait")
    io.kefu.ticket.FollowUp waitForCustomer(@PathVariable long id, @RequestBody Wait wait, TicketAccess access) {
        return work.waitForCustomer(id, access, wait.followUpAt(), wait.after(), wait.note());
    }

    /**
     * The wait for the customer on this ticket: 200 with it, 404 when there is none.
     * It carries {@code remindAt} while a reminder is planned and {@code remindedAt} once it went out.
     */
    @GetMapping("/api/tickets/{id}/wait")
    org.springframework.http.ResponseEntity<io.kefu.ticket.FollowUp> waiting(@PathVariable long id, TicketAccess access) {
        return org.springframework.http.ResponseEntity.of(work.followUp(id, access));
    }

    /** Stops waiting for the customer; 204 whether or not a wait was set. */
    @org.springframework.web.bind.annotation.DeleteMapping("/api/tickets/{id}/wait")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void stopWaiting(@PathVariable long id, TicketAccess access) {
        work.stopWaiting(id, access);
    }

    /**
     * The tickets linked to this one as related, as far as the caller reaches them.
     * Each link's {@code kind} is {@code RELATED}, or {@code FOLLOW_UP_OF} / {@code FOLLOWED_UP_BY} for
     * the link intake makes when a customer writes again after their ticket closed.
     */
    @GetMapping("/api/tickets/{id}/links")
    List<io.kefu.ticket.TicketLink> links(@PathVariable long id, TicketAccess access) {
        return work.links(id, access);
    }

    /** Links another ticket as related (both in the caller's reach); answers this ticket's links. */
    @PostMapping("/api/tickets/{id}/links")
    List<io.kefu.ticket.TicketLink> link(@PathVariable long id, @Valid @RequestBody Link link, TicketAccess access) {
        return work.link(id, access, link.ticketId());
    }

    /** Removes a link; 204 whether or not there was one, 404 when either ticket is out of reach. */
    @org.springframework.web.bind.annotation.DeleteMapping("/api/tickets/{id}/links/{otherId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlink(@PathVariable long id, @PathVariable long otherId, TicketAccess access) {
        work.unlink(id, access, otherId);
    }

    /** The messages, oldest first, each with its attachments and the text read in their images. */
    @GetMapping("/api/tickets/{id}/messages")
    List<TranscriptMessage> messages(@PathVariable long id, TicketAccess access) {
        List<Message> messages = work.transcript(id, access);
        List<Long> ids = messages.stream().map(Message::id).toList();
        return TranscriptMessage.of(messages, attachments.of(ids), attachments.textsOf(ids));
    }

    /**
     * How far the ticket's messages were received and read, as the chat stored its receipts.
     * Answers <code>{ticketId, deliveredSeq, readSeq, agentReadSeq, messages: [{messageId, seq, direction,
     * author, customer, agent}]}</code>, the messages oldest first: {@code customer} is {@code delivered}
     * or {@code read} on a message to the customer (an agent's or the bot's) once the customer's
     * widget received or showed it, {@code agent} is {@code read} on a customer's message once an
     * agent read it; each is absent before that and on the other side's messages. The three seqs are
     * the stored receipts ("up to this seq"; 0 for none). 404 for a ticket out of the caller's reach.
     * Agents (own queues), supervisors, admins and tokens with {@code tickets:read}.
     */
    @GetMapping("/api/tickets/{id}/receipts")
    TicketReceipts receipts(@PathVariable long id, TicketAccess access) {
        return work.receipts(id, access);
    }

    @ExceptionHandler(io.kefu.customer.CustomerNotFoundException.class)
    ProblemDetail unknownCustomer(io.kefu.customer.CustomerNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badMerge(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(TaskNotAvailableException.class)
    ProblemDetail notAvailable(TaskNotAvailableException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle(HttpStatus.CONFLICT.getReasonPhrase());
        return problem;
    }

    record Reply(@NotBlank @Size(max = 10000) String text, @Size(max = 16) String channel) {
    }

    /** <code>{from}</code>: the external id of the customer to merge into the ticket's. */
    record CustomerMerge(@NotBlank @Size(max = 128) String from) {
    }

    record Transfer(@Size(max = 64) String queue, @Size(max = 64) String agent, @Size(max = 10000) String note) {
    }

    record PriorityChange(@NotBlank String priority) {
    }

    record Merge(@jakarta.validation.constraints.NotNull Long intoTicketId) {
    }

    /** <code>{followUpAt}</code> or <code>{after}</code>, and an optional {@code note}. */
    record Wait(java.time.Instant followUpAt, String after, String note) {
    }

    /** <code>{ticketId}</code>: the ticket to link as related. */
    record Link(@jakarta.validation.constraints.NotNull Long ticketId) {
    }
}
