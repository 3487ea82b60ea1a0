-- Pause and "less often" (issue 13 item 3), as D1's 0015: the column "until" (a pause's
-- end), the derived consent_cadence, the triggers that keep them, and the
-- append-only function that now keeps "until" through an erasure too.

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

    CONSTRAINT "consent_cadence_pkey" PRIMARY KEY ("contact_id","kind","topic","channel")
);

-- "until" belongs to pauses, every pause has one, and it comes after the pause began.
CREATE TRIGGER "consent_events_until" BEFORE INSERT ON "consent_events"
FOR EACH ROW WHEN ((NEW."status" = 'paused') <> (NEW."until" IS NOT NULL) OR NEW."until" COLLATE "C" <= NEW."occurred_at" COLLATE "C")
EXECUTE FUNCTION "refuse"('consent_events.until is a pause''s end, after it began');

-- The latest pause of a scope wins, unless a grant or a resume of that scope occurred after
-- it; a grant or a resume ends the pauses of its scope that began no later. The same for
-- digests, ended by 'digest_off'. Writers for one contact queue on its row (src/store/pg/ledger.ts).
CREATE FUNCTION "consent_events_cadence"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."status" IN ('paused', 'digest') THEN
        INSERT INTO "consent_cadence" ("contact_id", "kind", "topic", "channel", "until", "occurred_at", "event_seq")
        SELECT NEW."contact_id", NEW."status", NEW."topic", NEW."channel", NEW."until", NEW."occurred_at", NEW."seq"
        WHERE NOT EXISTS (
            SELECT 1 FROM "consent_events" e
            WHERE e."contact_id" = NEW."contact_id" AND e."topic" = NEW."topic" AND e."channel" = NEW."channel"
              AND CASE NEW."status" WHEN 'paused' THEN e."status" IN ('granted', 'resumed') ELSE e."status" = 'digest_off' END
              AND e."occurred_at" COLLATE "C" > NEW."occurred_at" COLLATE "C")
        ON CONFLICT ("contact_id", "kind", "topic", "channel") DO UPDATE SET
            "until" = excluded."until",
            "occurred_at" = excluded."occurred_at",
            "event_seq" = excluded."event_seq"
        WHERE excluded."occurred_at" COLLATE "C" >= "consent_cadence"."occurred_at" COLLATE "C";
    ELSE
        -- granted or resumed end a pause; digest_off ends a digest.
        DELETE FROM "consent_cadence"
        WHERE "contact_id" = NEW."contact_id" AND "topic" = NEW."topic" AND "channel" = NEW."channel"
          AND "kind" = CASE NEW."status" WHEN 'digest_off' THEN 'digest' ELSE 'paused' END
          AND "occurred_at" COLLATE "C" <= NEW."occurred_at" COLLATE "C";
    END IF;
    RETURN NULL;
END;
$$;

-- One function, four triggers named as D1's.
CREATE TRIGGER "consent_events_pause" AFTER INSERT ON "consent_events"
FOR EACH ROW WHEN (NEW."status" = 'paused') EXECUTE FUNCTION "consent_events_cadence"();

CREATE TRIGGER "consent_events_pause_end" AFTER INSERT ON "consent_events"
FOR EACH ROW WHEN (NEW."status" IN ('granted', 'resumed')) EXECUTE FUNCTION "consent_events_cadence"();

CREATE TRIGGER "consent_events_digest" AFTER INSERT ON "consent_events"
FOR EACH ROW WHEN (NEW."status" = 'digest') EXECUTE FUNCTION "consent_events_cadence"();

CREATE TRIGGER "consent_events_digest_end" AFTER INSERT ON "consent_events"
FOR EACH ROW WHEN (NEW."status" = 'digest_off') EXECUTE FUNCTION "consent_events_cadence"();

-- The append-only check (0002) names every column an erasure must leave alone; "until" is
-- one of them now.
CREATE OR REPLACE FUNCTION "consent_events_no_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stripped boolean;
BEGIN
    BEGIN
        -- json, not jsonb: it keeps every member as written, duplicate keys included, so a
        -- member cannot hide behind a later one of the same name.
        stripped :=
            EXISTS (SELECT 1 FROM "erasures" WHERE "contact_id" = OLD."contact_id")
            AND (NEW."seq", NEW."id", NEW."contact_id", NEW."topic", NEW."channel", NEW."status", NEW."source",
                 NEW."occurred_at", NEW."recorded_at", NEW."policy_version", NEW."actor", NEW."import_key", NEW."until")
                IS NOT DISTINCT FROM
                (OLD."seq", OLD."id", OLD."contact_id", OLD."topic", OLD."channel", OLD."status", OLD."source",
                 OLD."occurred_at", OLD."recorded_at", OLD."policy_version", OLD."actor", OLD."import_key", OLD."until")
            AND NEW."locale" IS NULL
            AND json_typeof(NEW."evidence"::json) = 'object'
            AND EXISTS (SELECT 1 FROM json_each(NEW."evidence"::json) AS n WHERE n."key" = 'erased')
            AND NOT EXISTS (
                SELECT 1 FROM json_each(NEW."evidence"::json) AS n
                WHERE CASE WHEN n."key" = 'erased' THEN n."value"::jsonb <> 'true'::jsonb
                      ELSE NOT EXISTS (
                          -- jsonb's text keeps a value's type and written scale: 2, "2" and 2.0 differ.
                          SELECT 1 FROM json_each(OLD."evidence"::json) AS o
                          WHERE o."key" = n."key" AND o."value"::jsonb::text = n."value"::jsonb::text)
                      END
            );
    EXCEPTION WHEN invalid_text_representation THEN
        stripped := false; -- evidence that is not JSON is no erasure
    END;
    IF stripped THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'consent_events is append-only';
END;
$$;
