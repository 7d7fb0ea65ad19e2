-- The Intercom tickets destination (sync/IntercomTickets, docs/INTEGRATIONS.md "Intercom tickets").
-- Which Intercom ticket mirrors which Kefu ticket, written the moment Intercom answered the create.
-- No second Intercom ticket: every create carries the Kefu ticket id in a ticket attribute, and a
-- ticket without an Intercom id here is searched for by it (POST /tickets/search) before one is made.
CREATE TABLE intercom_ticket (
    ticket_id           BIGINT       NOT NULL PRIMARY KEY,
    -- Null while a create got no answer (a timeout, a crash): create_sent_at says when it was sent.
    -- Until it shows in Intercom's search, or kefu.sync.intercom.unanswered-create-wait has passed,
    -- no other create is sent.
    intercom_ticket_id  VARCHAR(64),
    intercom_contact_id VARCHAR(64)  NOT NULL,
    create_sent_at      TIMESTAMP(3),
    -- SHA-256 (hex) of the last update Intercom took (state, open, attributes, assignee): an event
    -- that changes none of them sends no update.
    update_digest       VARCHAR(64),
    created_at          TIMESTAMP(3) NOT NULL,
    CONSTRAINT uk_intercom_ticket_intercom_id UNIQUE (intercom_ticket_id),
    CONSTRAINT fk_intercom_ticket_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id)
);

-- The tags (by name) Kefu put on each Intercom ticket, so that a changed priority, queue or topic
-- removes the old tag and adds the new one.
CREATE TABLE intercom_ticket_tag (
    ticket_id BIGINT       NOT NULL,
    tag_name  VARCHAR(255) NOT NULL,
    PRIMARY KEY (ticket_id, tag_name),
    CONSTRAINT fk_intercom_ticket_tag_ticket FOREIGN KEY (ticket_id) REFERENCES intercom_ticket (ticket_id)
);

-- Intercom's id of every tag name Kefu used: each name is created (POST /tags) once.
CREATE TABLE intercom_tag (
    name            VARCHAR(255) NOT NULL PRIMARY KEY,
    intercom_tag_id VARCHAR(64)  NOT NULL
);

-- Intercom's contact of each Kefu customer (by external id): found or created once, then reused, so
-- a customer's second ticket does not depend on Intercom's search having indexed the new contact.
CREATE TABLE intercom_contact (
    customer_external_id VARCHAR(128) NOT NULL PRIMARY KEY,
    intercom_contact_id  VARCHAR(64)  NOT NULL
);
