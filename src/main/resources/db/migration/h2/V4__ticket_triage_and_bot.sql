-- What triage found in the first message (routing facts agents and integrations also see), and
-- the bot's self-service answer: which knowledge-base article it sent, and who resolved the ticket
-- (BOT = a deflection, AGENT otherwise).
ALTER TABLE ticket ADD COLUMN intents VARCHAR(255);
ALTER TABLE ticket ADD COLUMN sentiment VARCHAR(16);
ALTER TABLE ticket ADD COLUMN sentiment_score DOUBLE;
ALTER TABLE ticket ADD COLUMN language VARCHAR(8);
ALTER TABLE ticket ADD COLUMN bot_article_id BIGINT;
ALTER TABLE ticket ADD COLUMN resolved_by VARCHAR(8);
