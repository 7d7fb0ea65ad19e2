-- Related tickets an agent linked (issue 23: "link related ones"). A link has no direction: it is
-- stored once, the smaller id first, so linking #7 to #3 and #3 to #7 is the same row.
CREATE TABLE ticket_link (
    low_ticket_id  BIGINT       NOT NULL,
    high_ticket_id BIGINT       NOT NULL,
    created_by     VARCHAR(128) NOT NULL,
    created_at     TIMESTAMP(3)  NOT NULL,
    CONSTRAINT pk_ticket_link PRIMARY KEY (low_ticket_id, high_ticket_id),
    CONSTRAINT ck_ticket_link_order CHECK (low_ticket_id < high_ticket_id),
    CONSTRAINT fk_ticket_link_low FOREIGN KEY (low_ticket_id) REFERENCES ticket (id),
    CONSTRAINT fk_ticket_link_high FOREIGN KEY (high_ticket_id) REFERENCES ticket (id)
);
CREATE INDEX ix_ticket_link_high ON ticket_link (high_ticket_id);
