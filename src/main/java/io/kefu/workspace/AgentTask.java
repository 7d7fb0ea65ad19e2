package io.kefu.workspace;

import java.time.Instant;

import io.kefu.ticket.Priority;
import io.kefu.ticket.TicketStatus;
import io.kefu.ticket.Topic;

/** One open task of the task list, with the ticket facts an agent sorts and picks by. */
public record AgentTask(String taskId, long ticketId, String queue, Priority priority, Topic topic,
        TicketStatus status, String customerExternalId, String assignee, Instant waitingSince, String preview) {
}
