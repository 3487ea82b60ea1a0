-- "Stop" keeps the person's choices, and "Undo" reverses exactly one withdrawal (issue 14,
-- docs/preferences.md, docs/links.md). Both must be able to put a scope back to how it was
-- before a withdrawal, and that may be "nothing recorded": neither granted nor withdrawn.
-- A ledger event with status 'cleared' says so. It moves the state like a grant or a
-- withdrawal (the latest occurrence wins), and the decision treats a cleared scope as one
-- with no record. The state trigger now applies it too.
DROP TRIGGER "consent_events_apply";

CREATE TRIGGER "consent_events_apply" AFTER INSERT ON "consent_events"
WHEN NEW."status" IN ('granted', 'withdrawn', 'cleared')
BEGIN
    INSERT INTO "consent_states" ("contact_id", "topic", "channel", "status", "occurred_at", "event_seq")
    VALUES (NEW."contact_id", NEW."topic", NEW."channel", NEW."status", NEW."occurred_at", NEW."seq")
    ON CONFLICT ("contact_id", "topic", "channel") DO UPDATE SET
        "status" = excluded."status",
        "occurred_at" = excluded."occurred_at",
        "event_seq" = excluded."event_seq"
    WHERE excluded."occurred_at" >= "consent_states"."occurred_at";
END;
