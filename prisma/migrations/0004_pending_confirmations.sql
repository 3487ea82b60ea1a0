-- Double opt-in (docs/preferences.md): a grant that waits for the person to confirm it by
-- email is a ledger event with status 'pending'. It is evidence that a confirmation was
-- asked for, not a consent: it must not move the current state, so the trigger that
-- derives consent_states now applies only grants and withdrawals.
DROP TRIGGER "consent_events_apply";

CREATE TRIGGER "consent_events_apply" AFTER INSERT ON "consent_events"
WHEN NEW."status" IN ('granted', 'withdrawn')
BEGIN
    INSERT INTO "consent_states" ("contact_id", "topic", "channel", "status", "occurred_at", "event_seq")
    VALUES (NEW."contact_id", NEW."topic", NEW."channel", NEW."status", NEW."occurred_at", NEW."seq")
    ON CONFLICT ("contact_id", "topic", "channel") DO UPDATE SET
        "status" = excluded."status",
        "occurred_at" = excluded."occurred_at",
        "event_seq" = excluded."event_seq"
    WHERE excluded."occurred_at" >= "consent_states"."occurred_at";
END;
