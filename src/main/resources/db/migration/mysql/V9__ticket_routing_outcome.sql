-- What the last routing decided besides queue and priority: the skills an agent needs to be pushed
-- the ticket (comma-separated, sorted), the SLA policy holding it, and the names of the rules that
-- fired (one per line), so the ticket can say why it went where it went.
ALTER TABLE ticket ADD COLUMN required_skills VARCHAR(1000) NULL;
ALTER TABLE ticket ADD COLUMN sla_policy VARCHAR(64) NULL;
ALTER TABLE ticket ADD COLUMN routing_rules TEXT NULL;
