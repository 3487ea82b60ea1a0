-- Erasure (docs/erasure.md; DELETE /v1/contacts/{id}, src/store/d1-erasure.ts). Erasing a
-- contact is one D1 batch: an erasures row first, then erased suppressions keyed by the
-- contact's address hashes, the ledger's evidence and locale stripped, the contact's
-- personal data removed. Every statement after the first runs only if the first wrote its
-- row, so a second or concurrent erasure changes nothing.

-- CreateTable
CREATE TABLE "erasures" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "contact_id" TEXT NOT NULL,
    "erased_at" TEXT NOT NULL,
    "api_key_id" TEXT NOT NULL,
    "ledger_events" INTEGER NOT NULL,
    "addresses" TEXT NOT NULL,
    CONSTRAINT "erasures_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "erasures_contact_id_key" ON "erasures"("contact_id");

-- The erasure record is final.
CREATE TRIGGER "erasures_no_update" BEFORE UPDATE ON "erasures"
BEGIN
    SELECT RAISE(ABORT, 'erasures are final');
END;

CREATE TRIGGER "erasures_no_delete" BEFORE DELETE ON "erasures"
BEGIN
    SELECT RAISE(ABORT, 'erasures are final');
END;

-- So is the erasure itself: nothing (a request racing the erasure included) may write
-- personal data back into an erased contact.
CREATE TRIGGER "contacts_erasure_is_final" BEFORE UPDATE ON "contacts"
WHEN OLD."erased_at" IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'an erased contact cannot change');
END;

-- The ledger stays append-only with exactly one exception, erasure's: once a contact has an
-- erasures row, an UPDATE of its events may set locale to NULL and replace evidence values
-- with the text "[erased]", keeping every key (the ledger keeps its shape). Any other
-- change to any column is refused as before; DELETE is still refused always (0001).
DROP TRIGGER "consent_events_no_update";

CREATE TRIGGER "consent_events_no_update" BEFORE UPDATE ON "consent_events"
WHEN NOT (
    EXISTS (SELECT 1 FROM "erasures" WHERE "contact_id" = OLD."contact_id")
    AND NEW."seq" = OLD."seq" AND NEW."id" = OLD."id" AND NEW."contact_id" = OLD."contact_id"
    AND NEW."topic" = OLD."topic" AND NEW."channel" = OLD."channel" AND NEW."status" = OLD."status"
    AND NEW."source" = OLD."source" AND NEW."occurred_at" = OLD."occurred_at"
    AND NEW."recorded_at" = OLD."recorded_at" AND NEW."policy_version" = OLD."policy_version"
    AND NEW."actor" = OLD."actor" AND NEW."locale" IS NULL
    AND json_type(NEW."evidence") = 'object'
    AND (SELECT count(*) FROM json_each(NEW."evidence")) = (SELECT count(*) FROM json_each(OLD."evidence"))
    AND NOT EXISTS (
        SELECT 1 FROM json_each(NEW."evidence") AS n
        WHERE NOT EXISTS (
            SELECT 1 FROM json_each(OLD."evidence") AS o
            WHERE o."key" = n."key"
              AND ((n."type" = 'text' AND n."value" = '[erased]') OR (n."type" = o."type" AND n."value" IS o."value"))
        )
    )
)
BEGIN
    SELECT RAISE(ABORT, 'consent_events is append-only');
END;

-- An erased address stays blocked (as "erased") until the person consents anew: a grant
-- recorded for a contact holding that address, from any source but "import" (old records
-- brought over are not new consent), that occurred after the erasure, lifts the erased
-- suppression of the addresses its channel uses (the email for "email", the phone for the
-- other channels, both for "*"), in the same statement as the grant.
CREATE TRIGGER "consent_events_lift_erasure" AFTER INSERT ON "consent_events"
WHEN NEW."status" = 'granted' AND NEW."source" <> 'import'
BEGIN
    DELETE FROM "suppressions"
    WHERE "reason" = 'erased' AND "channel" = '*' AND "created_at" < NEW."occurred_at"
      AND "address_hash" IN (
          SELECT "email_hash" FROM "contacts" WHERE "id" = NEW."contact_id" AND NEW."channel" IN ('email', '*')
          UNION ALL
          SELECT "phone_hash" FROM "contacts" WHERE "id" = NEW."contact_id" AND NEW."channel" <> 'email'
      );
END;
