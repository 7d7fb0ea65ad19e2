package io.kefu.security;

import org.springframework.security.core.Authentication;

import io.kefu.ticket.TicketAccess;

/**
 * The reach of a login outside Spring MVC (the workspace's live STOMP connection): the same rule
 * as for every controller's {@link TicketAccess} parameter.
 */
public final class TicketAccesses {

    private TicketAccesses() {
    }

    /**
     * Every ticket for supervisors, admins and ticket-scoped tokens, otherwise the login's queues
     * and own tickets.
     *
     * @throws org.springframework.security.access.AccessDeniedException without a login
     */
    public static TicketAccess of(Authentication authentication) {
        return TicketAccessArguments.of(authentication);
    }
}
