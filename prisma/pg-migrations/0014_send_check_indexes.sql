-- The send check's two index-only reads, as D1's 0022: the states' index ends with
-- occurred_at, and pending events have their own partial index.
DROP INDEX "consent_states_contact_id_topic_channel_status_idx";
CREATE INDEX "consent_states_contact_id_topic_channel_status_occurred_at_idx"
    ON "consent_states"("contact_id", "topic", "channel", "status", "occurred_at");

CREATE INDEX "consent_events_pending_idx" ON "consent_events"("contact_id", "topic", "channel", "seq")
    WHERE "status" = 'pending';
