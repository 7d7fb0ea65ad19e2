-- Follow-ups (issue 24, item 7).
-- A reminder to the customer while an agent waits for their answer: remind_at is when the lifecycle's
-- Timer_RemindCustomer fires (set_at + kefu.follow-up.remind-after; NULL when reminders are off or the
-- follow-up comes first), reminded_at when the reminder was claimed for sending, so each wait reminds
-- once. Waiting again sets both anew.
ALTER TABLE ticket_follow_up ADD COLUMN remind_at TIMESTAMP(3);
ALTER TABLE ticket_follow_up ADD COLUMN reminded_at TIMESTAMP(3);
-- What a link says: RELATED (an agent linked the two) or FOLLOW_UP (the customer wrote again after the
-- lower ticket had closed, within kefu.follow-up.link-within, and intake opened the higher one as its
-- follow-up; a follow-up is always the newer ticket, so the higher id).
ALTER TABLE ticket_link ADD COLUMN kind VARCHAR(16) DEFAULT 'RELATED' NOT NULL;
ALTER TABLE ticket_link ADD CONSTRAINT ck_ticket_link_kind CHECK (kind IN ('RELATED', 'FOLLOW_UP'));
