-- Tickets (a generic JSON webhook) join the outbox's channels.
ALTER TABLE notification DROP CONSTRAINT notification_channel_check;
ALTER TABLE notification ADD CONSTRAINT notification_channel_check
    CHECK (channel IN ('pagerduty', 'slack', 'ticket', 'event'));
