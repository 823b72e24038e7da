-- Grouping: a later incident of the same component, opened within the grouping window, is linked
-- to the first open one (grouped_into) and pages nobody of its own.
ALTER TABLE incident ADD COLUMN grouped_into text;
-- Flapping: how many incidents with the same dedup key were resolved within the flapping window
-- before this one opened (0: not flapping). Its page was held, and cancelled if it resolved in time.
ALTER TABLE incident ADD COLUMN flaps integer NOT NULL DEFAULT 0;

CREATE INDEX incident_open_by_component ON incident (component, opened_at)
    WHERE status <> 'RESOLVED' AND grouped_into IS NULL;
CREATE INDEX incident_by_dedup_key ON incident (dedup_key, resolved_at);

-- A held page that is no longer owed (its incident resolved or was acknowledged before it was due).
ALTER TABLE notification DROP CONSTRAINT notification_status_check;
ALTER TABLE notification ADD CONSTRAINT notification_status_check
    CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'CANCELLED'));
