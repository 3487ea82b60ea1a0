-- Initial schema. Tables and indexes are generated from prisma/schema.prisma (npm run db:sql);
-- the triggers at the end are hand-written: Prisma cannot express them.

-- CreateTable
CREATE TABLE "contacts" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "external_id" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "email_hash" TEXT,
    "phone_hash" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'kk',
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "erased_at" TEXT
);

-- CreateTable
CREATE TABLE "consent_events" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "contact_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "occurred_at" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    "policy_version" TEXT NOT NULL,
    "locale" TEXT,
    "actor" TEXT NOT NULL,
    "evidence" TEXT NOT NULL DEFAULT '{}',
    CONSTRAINT "consent_events_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "consent_states" (
    "contact_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "occurred_at" TEXT NOT NULL,
    "event_seq" INTEGER NOT NULL,

    PRIMARY KEY ("contact_id", "topic", "channel"),
    CONSTRAINT "consent_states_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "suppressions" (
    "address_hash" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "evidence" TEXT NOT NULL DEFAULT '{}',

    PRIMARY KEY ("address_hash", "channel")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "revoked_at" TEXT
);

-- CreateTable
CREATE TABLE "send_checks" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "api_key_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "campaign" TEXT,
    "send_at" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL,
    "allowed" INTEGER NOT NULL,
    "blocked" INTEGER NOT NULL,
    "reasons" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "contacts_external_id_key" ON "contacts"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "contacts_email_key" ON "contacts"("email");

-- CreateIndex
CREATE UNIQUE INDEX "contacts_phone_key" ON "contacts"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "consent_events_id_key" ON "consent_events"("id");

-- CreateIndex
CREATE INDEX "consent_events_contact_id_seq_idx" ON "consent_events"("contact_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE INDEX "send_checks_campaign_idx" ON "send_checks"("campaign");

-- CreateIndex
CREATE INDEX "send_checks_created_at_idx" ON "send_checks"("created_at");

-- The ledger is append-only: an event, once written, is never changed or removed.
-- (Erasure, when it comes, must go through a mechanism that keeps this guarantee visible.)
CREATE TRIGGER "consent_events_no_update" BEFORE UPDATE ON "consent_events"
BEGIN
    SELECT RAISE(ABORT, 'consent_events is append-only');
END;

CREATE TRIGGER "consent_events_no_delete" BEFORE DELETE ON "consent_events"
BEGIN
    SELECT RAISE(ABORT, 'consent_events is append-only');
END;

-- The current state moves in the same statement as the event that moves it, so the two
-- can never disagree (D1 has no interactive transactions). The latest occurrence wins;
-- an event recorded late with an older occurred_at (an import, a delayed webhook) is kept
-- in the ledger but does not overwrite a newer state.
CREATE TRIGGER "consent_events_apply" AFTER INSERT ON "consent_events"
BEGIN
    INSERT INTO "consent_states" ("contact_id", "topic", "channel", "status", "occurred_at", "event_seq")
    VALUES (NEW."contact_id", NEW."topic", NEW."channel", NEW."status", NEW."occurred_at", NEW."seq")
    ON CONFLICT ("contact_id", "topic", "channel") DO UPDATE SET
        "status" = excluded."status",
        "occurred_at" = excluded."occurred_at",
        "event_seq" = excluded."event_seq"
    WHERE excluded."occurred_at" >= "consent_states"."occurred_at";
END;

-- consent_states is derived: only the trigger above writes it.
