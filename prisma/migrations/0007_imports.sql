-- Bulk import (docs/import.md; POST /v1/imports, src/import/). The uploaded file is split
-- into chunks of rows stored here within the request; a Queue message per chunk lets the
-- consumer validate and write each chunk in one D1 batch, which also marks the chunk done.

-- CreateTable
CREATE TABLE "imports" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "api_key_id" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "header" TEXT,
    "rows" INTEGER NOT NULL,
    "chunks" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "finished_at" TEXT,
    "failed_at" TEXT
);

-- CreateTable
CREATE TABLE "import_chunks" (
    "import_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "first_line" INTEGER NOT NULL,
    "last_line" INTEGER NOT NULL,
    "rows" INTEGER NOT NULL,
    "body" TEXT,
    "done_at" TEXT,
    "failed_at" TEXT,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "errors" TEXT NOT NULL DEFAULT '[]',

    PRIMARY KEY ("import_id", "seq"),
    CONSTRAINT "import_chunks_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "imports" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- An imported event's identity: a hash of (contact, scope, status, occurredAt, policy
-- version), so the same record imported again (a rerun, a redelivered chunk) is ignored
-- by the INSERT, not written twice. NULL for every other event.
ALTER TABLE "consent_events" ADD COLUMN "import_key" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "consent_events_import_key_key" ON "consent_events"("import_key");

-- The append-only trigger of 0006 names every column erasure must leave alone; the new
-- column joins them.
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
