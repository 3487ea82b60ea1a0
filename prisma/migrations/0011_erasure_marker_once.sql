-- 0010's check let an erasure's UPDATE add text under a second "erased" key
-- ({"erased": true, "erased": "aigul"}): json_type read only the first, and the member
-- loop skipped every "erased". Now the evidence must hold exactly one "erased" member,
-- and it must be true, as PostgreSQL's trigger already requires (prisma/pg-migrations).
DROP TRIGGER "consent_events_no_update";

CREATE TRIGGER "consent_events_no_update" BEFORE UPDATE ON "consent_events"
WHEN NOT (
    EXISTS (SELECT 1 FROM "erasures" WHERE "contact_id" = OLD."contact_id")
    AND NEW."seq" = OLD."seq" AND NEW."id" = OLD."id" AND NEW."contact_id" = OLD."contact_id"
    AND NEW."topic" = OLD."topic" AND NEW."channel" = OLD."channel" AND NEW."status" = OLD."status"
    AND NEW."source" = OLD."source" AND NEW."occurred_at" = OLD."occurred_at"
    AND NEW."recorded_at" = OLD."recorded_at" AND NEW."policy_version" = OLD."policy_version"
    AND NEW."actor" = OLD."actor" AND NEW."locale" IS NULL AND NEW."import_key" IS OLD."import_key"
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
