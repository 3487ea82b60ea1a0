-- A caller-supplied occurred_at in the future (POST /v1/contacts and imports allowed up to
-- five minutes of clock skew) moved the state to that future moment, so every withdrawal
-- made before it was recorded but never took effect (issue 14). From now on the service
-- records min(given, received) (src/consent/occurred-at.ts) and this trigger refuses any
-- event that claims to have happened after it was recorded.
CREATE TRIGGER "consent_events_not_after_receipt" BEFORE INSERT ON "consent_events"
WHEN NEW."occurred_at" > NEW."recorded_at"
BEGIN
    SELECT RAISE(ABORT, 'consent_events.occurred_at is after recorded_at');
END;

-- Repair: the states of every contact with a future-dated event are derived again from the
-- ledger, each event counting from min(occurred_at, recorded_at); the latest wins, a tie
-- going to the later event, as in the state trigger. The ledger itself is not changed.
DELETE FROM "consent_states"
WHERE "contact_id" IN (SELECT "contact_id" FROM "consent_events" WHERE "occurred_at" > "recorded_at");

INSERT INTO "consent_states" ("contact_id", "topic", "channel", "status", "occurred_at", "event_seq")
SELECT "contact_id", "topic", "channel", "status", "effective", "seq" FROM (
    SELECT "contact_id", "topic", "channel", "status", "seq", min("occurred_at", "recorded_at") AS "effective",
        row_number() OVER (
            PARTITION BY "contact_id", "topic", "channel" ORDER BY min("occurred_at", "recorded_at") DESC, "seq" DESC
        ) AS "rank"
    FROM "consent_events"
    WHERE "status" IN ('granted', 'withdrawn')
      AND "contact_id" IN (SELECT "contact_id" FROM "consent_events" WHERE "occurred_at" > "recorded_at")
)
WHERE "rank" = 1;
