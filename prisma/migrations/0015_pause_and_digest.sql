-- Pause and "less often" (issue 13 item 3, docs/preferences.md, docs/decision.md). A pause is
-- a ledger event with status 'paused' and its end in the new column "until"; 'resumed' ends
-- a pause of the same scope early, and so does a grant of it. 'digest' keeps a scope to its
-- topic's digest campaigns until 'digest_off'. None of them moves consent_states (the state
-- trigger applies granted, withdrawn and cleared only, 0009): a pause never overwrites what
-- was granted, and ends by itself. What is active is derived, in the same statement as the
-- event, into consent_cadence (kind 'paused' with its end, or 'digest'), as consent_states is.
-- It has no foreign key to contacts: the triggers write it for existing events only, and a
-- relation would grow the Prisma client in the upload (docs/decisions.md).

ALTER TABLE "consent_events" ADD COLUMN "until" TEXT;

-- CreateTable
CREATE TABLE "consent_cadence" (
    "contact_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "until" TEXT,
    "occurred_at" TEXT NOT NULL,
    "event_seq" INTEGER NOT NULL,

    PRIMARY KEY ("contact_id", "kind", "topic", "channel")
);

-- "until" belongs to pauses, every pause has one, and it comes after the pause began.
CREATE TRIGGER "consent_events_until" BEFORE INSERT ON "consent_events"
WHEN (NEW."status" = 'paused') <> (NEW."until" IS NOT NULL) OR NEW."until" <= NEW."occurred_at"
BEGIN
    SELECT RAISE(ABORT, 'consent_events.until is a pause''s end, after it began');
END;

-- The latest pause of a scope wins, unless a grant or a resume of that scope occurred after
-- it (an event recorded late keeps its place in time, as in the state trigger); a grant or a
-- resume ends the pauses of its scope that began no later. The same for digests, which only
-- 'digest_off' ends.
CREATE TRIGGER "consent_events_pause" AFTER INSERT ON "consent_events"
WHEN NEW."status" = 'paused'
BEGIN
    INSERT INTO "consent_cadence" ("contact_id", "kind", "topic", "channel", "until", "occurred_at", "event_seq")
    SELECT NEW."contact_id", 'paused', NEW."topic", NEW."channel", NEW."until", NEW."occurred_at", NEW."seq"
    WHERE NOT EXISTS (
        SELECT 1 FROM "consent_events" e
        WHERE e."contact_id" = NEW."contact_id" AND e."topic" = NEW."topic" AND e."channel" = NEW."channel"
          AND e."status" IN ('granted', 'resumed') AND e."occurred_at" > NEW."occurred_at")
    ON CONFLICT ("contact_id", "kind", "topic", "channel") DO UPDATE SET
        "until" = excluded."until",
        "occurred_at" = excluded."occurred_at",
        "event_seq" = excluded."event_seq"
    WHERE excluded."occurred_at" >= "consent_cadence"."occurred_at";
END;

CREATE TRIGGER "consent_events_pause_end" AFTER INSERT ON "consent_events"
WHEN NEW."status" IN ('granted', 'resumed')
BEGIN
    DELETE FROM "consent_cadence"
    WHERE "contact_id" = NEW."contact_id" AND "kind" = 'paused' AND "topic" = NEW."topic" AND "channel" = NEW."channel"
      AND "occurred_at" <= NEW."occurred_at";
END;

CREATE TRIGGER "consent_events_digest" AFTER INSERT ON "consent_events"
WHEN NEW."status" = 'digest'
BEGIN
    INSERT INTO "consent_cadence" ("contact_id", "kind", "topic", "channel", "until", "occurred_at", "event_seq")
    SELECT NEW."contact_id", 'digest', NEW."topic", NEW."channel", NULL, NEW."occurred_at", NEW."seq"
    WHERE NOT EXISTS (
        SELECT 1 FROM "consent_events" e
        WHERE e."contact_id" = NEW."contact_id" AND e."topic" = NEW."topic" AND e."channel" = NEW."channel"
          AND e."status" = 'digest_off' AND e."occurred_at" > NEW."occurred_at")
    ON CONFLICT ("contact_id", "kind", "topic", "channel") DO UPDATE SET
        "occurred_at" = excluded."occurred_at",
        "event_seq" = excluded."event_seq"
    WHERE excluded."occurred_at" >= "consent_cadence"."occurred_at";
END;

CREATE TRIGGER "consent_events_digest_end" AFTER INSERT ON "consent_events"
WHEN NEW."status" = 'digest_off'
BEGIN
    DELETE FROM "consent_cadence"
    WHERE "contact_id" = NEW."contact_id" AND "kind" = 'digest' AND "topic" = NEW."topic" AND "channel" = NEW."channel"
      AND "occurred_at" <= NEW."occurred_at";
END;

-- The append-only trigger (0011) names every column an erasure must leave alone; "until"
-- is one of them now.
DROP TRIGGER "consent_events_no_update";

CREATE TRIGGER "consent_events_no_update" BEFORE UPDATE ON "consent_events"
WHEN NOT (
    EXISTS (SELECT 1 FROM "erasures" WHERE "contact_id" = OLD."contact_id")
    AND NEW."seq" = OLD."seq" AND NEW."id" = OLD."id" AND NEW."contact_id" = OLD."contact_id"
    AND NEW."topic" = OLD."topic" AND NEW."channel" = OLD."channel" AND NEW."status" = OLD."status"
    AND NEW."source" = OLD."source" AND NEW."occurred_at" = OLD."occurred_at"
    AND NEW."recorded_at" = OLD."recorded_at" AND NEW."policy_version" = OLD."policy_version"
    AND NEW."actor" = OLD."actor" AND NEW."locale" IS NULL AND NEW."import_key" IS OLD."import_key"
    AND NEW."until" IS OLD."until"
    AND json_type(NEW."evidence") = 'object'
    AND (SELECT count(*) FROM json_each(NEW."evidence") AS m WHERE m."key" = 'erased') = 1
    AND (SELECT m."type" FROM json_each(NEW."evidence") AS m WHERE m."key" = 'erased') = 'true'
    AND NOT EXISTS (
        SELECT 1 FROM json_each(NEW."evidence") AS n
        WHERE n."key" <> 'erased'
          AND NOT EXISTS (
              SELECT 1 FROM json_each(OLD."evidence") AS o
              WHERE o."key" = n."key" AND o."type" = n."type" AND o."value" IS n."value"
          )
    )
)
BEGIN
    SELECT RAISE(ABORT, 'consent_events is append-only');
END;
