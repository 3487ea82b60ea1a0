-- Erasure leaves no evidence readable (docs/erasure.md). Until now it replaced evidence
-- values with "[erased]" and kept every key, but a key is the caller's text as much as a
-- value is (an API caller may send {"aigul@mail.kz": true}). Now erasure removes every
-- member of an erased contact's evidence except the service's own anonymous references
-- (EVIDENCE_KEPT_THROUGH_ERASURE in src/store/d1-erasure.ts, on events with a service
-- source) and adds the member "erased": true. A marker rather than {}: an empty object
-- reads as "no evidence was ever given", which in a dispute says something else than
-- "there was evidence, and it went with the person".
--
-- The append-only trigger allows that update and nothing more: for a contact with an
-- erasures row, locale may become NULL and evidence may lose members and must carry
-- "erased": true; every other member must be one the event already had, with the same
-- type and value. So an erasure can only take away, never add or alter a fact. Which
-- references stay is erasure's decision, in code and tested: had the trigger listed them,
-- a reference added to the code's list without a new migration would fail every erasure.
-- Any other change to any column is refused as before; DELETE always is (0001).
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
    AND json_type(NEW."evidence", '$.erased') IS 'true' -- IS: a missing marker is NULL, which would let the row through
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

-- Contacts erased before this migration: their events' "[erased]" values go, keys and
-- all, as erasure now does it (json_patch removes the members the patch sets to null).
UPDATE "consent_events" SET "evidence" = json_set(json_patch("evidence",
    (SELECT json_group_object(j."key", NULL) FROM json_each("consent_events"."evidence") AS j
     WHERE NOT ("consent_events"."source" IN ('one_click', 'unsubscribe_page', 'preference_page', 'double_opt_in', 'bounce', 'complaint', 'sms_keyword', 'email_reply')
                AND j."key" IN ('linkKeyId', 'sendCheckId', 'confirms', 'confirmBy', 'choice', 'senderIsContact')))),
    '$.erased', json('true'))
WHERE "contact_id" IN (SELECT "contact_id" FROM "erasures");

-- Suppressions keep why (provider, event type, bounce type; an erasure's reference), no
-- longer which message: Resend's email id and the svix-id can each be looked up, at the
-- provider, to the very address the suppression keeps only as a keyed hash. The ledger's
-- proof keeps them (until an erasure); the rows written before lose them here.
UPDATE "suppressions" SET "evidence" = json_patch("evidence",
    (SELECT json_group_object(j."key", NULL) FROM json_each("suppressions"."evidence") AS j
     WHERE j."key" NOT IN ('provider', 'type', 'bounceType', 'bounceSubType', 'erasure')))
WHERE EXISTS (SELECT 1 FROM json_each("suppressions"."evidence") AS j
              WHERE j."key" NOT IN ('provider', 'type', 'bounceType', 'bounceSubType', 'erasure'));

-- Import error reports outlive any erasure, so they no longer repeat a key the file chose
-- (src/import/rows.ts, docs/import.md): an evidence key in a path becomes "(key)"; an
-- unknown field, which the message used to quote, becomes "(unknown field)" at the end of
-- the path. Reports written before are rewritten so.
UPDATE "import_chunks" SET "errors" = (
    SELECT json_group_array(json_set(e."value", '$.path', json((
        SELECT json_group_array(CASE WHEN p."type" = 'integer'
            OR p."value" IN ('consents', 'externalId', 'email', 'phone', 'locale', 'topic', 'channel', 'status', 'occurredAt', 'source', 'policyVersion', 'evidence')
            THEN p."value" ELSE '(key)' END)
        FROM json_each(e."value", '$.path') AS p))))
    FROM json_each("import_chunks"."errors") AS e)
WHERE "errors" <> '[]';

UPDATE "import_chunks" SET "errors" = (
    SELECT json_group_array(CASE
        WHEN e."value" ->> 'message' LIKE 'Unrecognized key%'
            THEN json_set(json_insert(e."value", '$.path[#]', '(unknown field)'), '$.message', 'a field not in the format (names from the file are not repeated here)')
        WHEN e."value" ->> 'message' = 'Invalid key in record'
            THEN json_set(e."value", '$.message', 'an evidence key must be 1 to 64 characters long')
        ELSE json(e."value") END)
    FROM json_each("import_chunks"."errors") AS e)
WHERE "errors" LIKE '%Unrecognized key%' OR "errors" LIKE '%Invalid key in record%';
