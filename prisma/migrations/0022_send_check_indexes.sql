-- Two reads of the send check, answered from indexes alone (docs/decisions.md, Send checks):
--
-- A contact's states for the four scopes are read as one range of consent_states; the index
-- meant to cover that read (0002) lacked occurred_at, which lifespans read since issue 13,
-- so each state cost a visit to the table. The index now ends with it.
DROP INDEX "consent_states_contact_id_topic_channel_status_idx";
CREATE INDEX "consent_states_contact_id_topic_channel_status_occurred_at_idx"
    ON "consent_states"("contact_id", "topic", "channel", "status", "occurred_at");

-- "Is the latest event on (topic, channel) a grant awaiting confirmation?" walked every event
-- of the contact through (contact_id, seq) and read each from the table. Only pending events
-- are indexed here: for nearly every contact the answer is one seek into a small index that
-- finds nothing. Partial, so Prisma's schema cannot say it (the drift tests list it).
CREATE INDEX "consent_events_pending_idx" ON "consent_events"("contact_id", "topic", "channel", "seq")
    WHERE "status" = 'pending';
