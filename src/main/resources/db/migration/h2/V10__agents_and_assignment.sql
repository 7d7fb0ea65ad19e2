-- Agents as a resource (io.kefu.agent): one row per agent who has a profile. A user without a row
-- is OFFLINE with the default capacity; queue membership is the agent's Camunda groups.
CREATE TABLE agent (
    user_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    skills           VARCHAR(1000) NULL,     -- sorted, comma-separated
    languages        VARCHAR(255)  NULL,     -- sorted, comma-separated
    chat_capacity    INT           NOT NULL, -- concurrent live conversations (WEB, APP, WECHAT, DINGTALK, API)
    email_capacity   INT           NOT NULL, -- concurrent e-mail tickets
    presence         VARCHAR(8)    NOT NULL, -- ONLINE, AWAY, OFFLINE
    presence_since   DATETIME(3)   NOT NULL,
    working_hours    TEXT          NULL,     -- JSON {timeZone, periods: [{days, from, to}]}
    last_assigned_at DATETIME(3)   NULL,     -- for "longest idle" among equally loaded agents
    updated_at       DATETIME(3)   NOT NULL,
    version          INT           NOT NULL DEFAULT 0
);
CREATE INDEX ix_agent_presence ON agent (presence);

-- One row every assignment decision locks (SELECT ... FOR UPDATE) while it counts load and picks an
-- agent, so two nodes never push two tickets into one agent's last free slot.
CREATE TABLE assignment_lock (
    id INT NOT NULL PRIMARY KEY
);
INSERT INTO assignment_lock (id) VALUES (1);

-- Round-robin: the agent each queue last gave a ticket to.
CREATE TABLE assignment_cursor (
    queue      VARCHAR(64) NOT NULL PRIMARY KEY,
    last_agent VARCHAR(64) NOT NULL
);

-- The waiting queue: when the current assignment began (load, handling rate, "answered since"),
-- when the skills timeout opened the ticket to the whole queue, and when the customer left.
ALTER TABLE ticket ADD COLUMN assigned_at DATETIME(3) NULL;
ALTER TABLE ticket ADD COLUMN skills_timed_out_at DATETIME(3) NULL;
ALTER TABLE ticket ADD COLUMN abandoned_at DATETIME(3) NULL;
-- The serving order of waiting tickets (URGENT first, then the oldest), kept by the database so
-- that "who is next" and "how many are ahead" are index range scans even with thousands waiting.
ALTER TABLE ticket ADD COLUMN priority_rank INT GENERATED ALWAYS AS (CASE priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END);
CREATE INDEX ix_ticket_waiting_order ON ticket (status, priority_rank, created_at, id);
CREATE INDEX ix_ticket_queue_order ON ticket (queue, status, priority_rank, created_at, id);
CREATE INDEX ix_ticket_assignee_status ON ticket (assignee, status);
CREATE INDEX ix_ticket_queue_assigned ON ticket (queue, assigned_at);

-- The position last told for each waiting ticket, so a change is published once (QueuePositionChanged).
CREATE TABLE ticket_queue_position (
    ticket_id BIGINT      NOT NULL PRIMARY KEY,
    queue     VARCHAR(64) NOT NULL,
    place     INT         NOT NULL,
    CONSTRAINT fk_queue_position_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id)
);
CREATE INDEX ix_queue_position_queue ON ticket_queue_position (queue);
