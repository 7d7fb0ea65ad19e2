-- An agent waits for the customer until a follow-up time (the ticket page's "Wait for the
-- customer", POST /api/tickets/{id}/wait). One row per ticket at most: waiting again moves the time.
-- The lifecycle's Timer_FollowUpDue fires at follow_up_at; the row is gone once the follow-up is due,
-- the agent stops waiting or the ticket leaves the agents' hands. A customer message after set_at
-- means the wait is over: nothing on the message path touches this table.
CREATE TABLE ticket_follow_up (
    ticket_id    BIGINT        NOT NULL PRIMARY KEY,
    follow_up_at DATETIME(3)   NOT NULL,
    set_by       VARCHAR(128)  NOT NULL,
    set_at       DATETIME(3)   NOT NULL,
    note         VARCHAR(2000),
    CONSTRAINT fk_ticket_follow_up_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
