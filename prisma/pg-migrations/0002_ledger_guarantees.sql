-- The ledger's guarantees, as D1's triggers give them after prisma/migrations/0011, in
-- PL/pgSQL. Each trigger keeps its D1 name and message (tests and store code match on them);
-- a refusal is RAISE EXCEPTION, SQLSTATE P0001. Where PostgreSQL has a way around a row
-- trigger that SQLite lacks (TRUNCATE), it is refused too. Timestamps are compared COLLATE
-- "C", byte by byte as on SQLite, whatever collation the database was created with.

-- One refusal for every trigger that only says no: its message is the trigger's argument.
CREATE FUNCTION "refuse"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0];
END;
$$;

-- The ledger is append-only, with exactly one exception, erasure's (D1 0010): once a contact
-- has an erasures row, an UPDATE of its events may set locale to NULL and take members out of
-- evidence, which must then carry "erased": true; every other member must be one the event
-- already had, with the same JSON value. Any other change to any column is refused.
CREATE FUNCTION "consent_events_no_update"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stripped boolean;
BEGIN
    BEGIN
        -- json, not jsonb: it keeps every member as written, duplicate keys included, so a
        -- member cannot hide behind a later one of the same name.
        stripped :=
            EXISTS (SELECT 1 FROM "erasures" WHERE "contact_id" = OLD."contact_id")
            AND (NEW."seq", NEW."id", NEW."contact_id", NEW."topic", NEW."channel", NEW."status", NEW."source",
                 NEW."occurred_at", NEW."recorded_at", NEW."policy_version", NEW."actor", NEW."import_key")
                IS NOT DISTINCT FROM
                (OLD."seq", OLD."id", OLD."contact_id", OLD."topic", OLD."channel", OLD."status", OLD."source",
                 OLD."occurred_at", OLD."recorded_at", OLD."policy_version", OLD."actor", OLD."import_key")
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

CREATE TRIGGER "consent_events_no_update" BEFORE UPDATE ON "consent_events"
FOR EACH ROW EXECUTE FUNCTION "consent_events_no_update"();

CREATE TRIGGER "consent_events_no_delete" BEFORE DELETE ON "consent_events"
FOR EACH ROW EXECUTE FUNCTION "refuse"('consent_events is append-only');

CREATE TRIGGER "consent_events_no_truncate" BEFORE TRUNCATE ON "consent_events"
FOR EACH STATEMENT EXECUTE FUNCTION "refuse"('consent_events is append-only');

-- Nothing happens in the future (D1 0008): an event may not claim to have happened after it
-- was recorded.

CREATE TRIGGER "consent_events_not_after_receipt" BEFORE INSERT ON "consent_events"
FOR EACH ROW WHEN (NEW."occurred_at" COLLATE "C" > NEW."recorded_at" COLLATE "C")
EXECUTE FUNCTION "refuse"('consent_events.occurred_at is after recorded_at');

-- The current state moves in the same transaction as the event that moves it (D1 0001,
-- 0004, 0009): grants, withdrawals and clearings do; pending confirmations do not. The
-- latest occurrence wins; a tie goes to the later event. D1 applies events one at a time in
-- seq order, so there ">=" says it; here two transactions may apply theirs out of seq order,
-- so the tie names seq.
CREATE FUNCTION "consent_events_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "consent_states" ("contact_id", "topic", "channel", "status", "occurred_at", "event_seq")
    VALUES (NEW."contact_id", NEW."topic", NEW."channel", NEW."status", NEW."occurred_at", NEW."seq")
    ON CONFLICT ("contact_id", "topic", "channel") DO UPDATE SET
        "status" = excluded."status",
        "occurred_at" = excluded."occurred_at",
        "event_seq" = excluded."event_seq"
    WHERE excluded."occurred_at" COLLATE "C" > "consent_states"."occurred_at" COLLATE "C"
       OR (excluded."occurred_at" = "consent_states"."occurred_at" AND excluded."event_seq" > "consent_states"."event_seq");
    RETURN NULL;
END;
$$;

CREATE TRIGGER "consent_events_apply" AFTER INSERT ON "consent_events"
FOR EACH ROW WHEN (NEW."status" IN ('granted', 'withdrawn', 'cleared'))
EXECUTE FUNCTION "consent_events_apply"();

-- An erased address stays blocked until the person consents anew (D1 0006): a grant, from
-- any source but "import", that occurred after the erasure lifts the erased suppression of
-- the addresses its channel uses (the email for "email", the phone for the other channels,
-- both for "*").
CREATE FUNCTION "consent_events_lift_erasure"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM "suppressions"
    WHERE "reason" = 'erased' AND "channel" = '*' AND "created_at" COLLATE "C" < NEW."occurred_at" COLLATE "C"
      AND "address_hash" IN (
          SELECT "email_hash" FROM "contacts" WHERE "id" = NEW."contact_id" AND NEW."channel" IN ('email', '*')
          UNION ALL
          SELECT "phone_hash" FROM "contacts" WHERE "id" = NEW."contact_id" AND NEW."channel" <> 'email'
      );
    RETURN NULL;
END;
$$;

CREATE TRIGGER "consent_events_lift_erasure" AFTER INSERT ON "consent_events"
FOR EACH ROW WHEN (NEW."status" = 'granted' AND NEW."source" <> 'import')
EXECUTE FUNCTION "consent_events_lift_erasure"();

-- The erasure record is final (D1 0006).

CREATE TRIGGER "erasures_no_update" BEFORE UPDATE ON "erasures"
FOR EACH ROW EXECUTE FUNCTION "refuse"('erasures are final');

CREATE TRIGGER "erasures_no_delete" BEFORE DELETE ON "erasures"
FOR EACH ROW EXECUTE FUNCTION "refuse"('erasures are final');

CREATE TRIGGER "erasures_no_truncate" BEFORE TRUNCATE ON "erasures"
FOR EACH STATEMENT EXECUTE FUNCTION "refuse"('erasures are final');

-- So is the erasure itself (D1 0006): nothing, a request racing the erasure included, may
-- write personal data back into an erased contact.

CREATE TRIGGER "contacts_erasure_is_final" BEFORE UPDATE ON "contacts"
FOR EACH ROW WHEN (OLD."erased_at" IS NOT NULL)
EXECUTE FUNCTION "refuse"('an erased contact cannot change');
