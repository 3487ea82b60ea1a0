-- PostgreSQL's schema (issue 10), equal to D1's as of prisma/migrations/0010. PostgreSQL
-- starts empty, so there is no history to replay: D1's repairs (0008, 0010) have nothing to
-- repair here. Tables, indexes and foreign keys are what Prisma's schema engine derives from
-- prisma/schema.prisma (DATABASE_URL=… npm run db:sql); the guarantees are in 0002.
--
-- Timestamps stay TEXT, ISO-8601 UTC with milliseconds, as on D1. One model serves both
-- dialects, and its String fields are TEXT on each; the store's statements, the triggers and
-- Prisma then read and write one form on both backends, and it sorts as text, so "the latest
-- occurrence wins" compares the same strings the same way. A timestamptz would come back in
-- another form (a Date, or "2026-11-24 10:00:00+00") and need a model of its own.
-- seq is SERIAL (integer) because the model's Int is: 2^31 events, some 200 per contact at
-- ten million contacts; going further is a change to the model, for both dialects.

-- CreateTable
CREATE TABLE "contacts" (
    "id" TEXT NOT NULL,
    "external_id" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "email_hash" TEXT,
    "phone_hash" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'kk',
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "erased_at" TEXT,

    CONSTRAINT "contacts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "consent_events" (
    "seq" SERIAL NOT NULL,
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
    "import_key" TEXT,

    CONSTRAINT "consent_events_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "consent_states" (
    "contact_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "occurred_at" TEXT NOT NULL,
    "event_seq" INTEGER NOT NULL,

    CONSTRAINT "consent_states_pkey" PRIMARY KEY ("contact_id","topic","channel")
);

-- CreateTable
CREATE TABLE "suppressions" (
    "address_hash" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "evidence" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "suppressions_pkey" PRIMARY KEY ("address_hash","channel")
);

-- CreateTable
CREATE TABLE "erasures" (
    "id" TEXT NOT NULL,
    "contact_id" TEXT NOT NULL,
    "erased_at" TEXT NOT NULL,
    "api_key_id" TEXT NOT NULL,
    "ledger_events" INTEGER NOT NULL,
    "addresses" TEXT NOT NULL,

    CONSTRAINT "erasures_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "revoked_at" TEXT,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "source" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "received_at" TEXT NOT NULL,

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("source","message_id")
);

-- CreateTable
CREATE TABLE "send_checks" (
    "id" TEXT NOT NULL,
    "api_key_id" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "campaign" TEXT,
    "send_at" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL,
    "allowed" INTEGER NOT NULL,
    "blocked" INTEGER NOT NULL,
    "reasons" TEXT NOT NULL,

    CONSTRAINT "send_checks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dev_outbox" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,

    CONSTRAINT "dev_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "imports" (
    "id" TEXT NOT NULL,
    "api_key_id" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "header" TEXT,
    "rows" INTEGER NOT NULL,
    "chunks" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "finished_at" TEXT,
    "failed_at" TEXT,

    CONSTRAINT "imports_pkey" PRIMARY KEY ("id")
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

    CONSTRAINT "import_chunks_pkey" PRIMARY KEY ("import_id","seq")
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
CREATE UNIQUE INDEX "consent_events_import_key_key" ON "consent_events"("import_key");

-- CreateIndex
CREATE INDEX "consent_events_contact_id_seq_idx" ON "consent_events"("contact_id", "seq");

-- CreateIndex
CREATE INDEX "consent_states_contact_id_topic_channel_status_idx" ON "consent_states"("contact_id", "topic", "channel", "status");

-- CreateIndex
CREATE UNIQUE INDEX "erasures_contact_id_key" ON "erasures"("contact_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");

-- CreateIndex
CREATE INDEX "send_checks_campaign_idx" ON "send_checks"("campaign");

-- CreateIndex
CREATE INDEX "send_checks_created_at_idx" ON "send_checks"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "dev_outbox_idempotency_key_key" ON "dev_outbox"("idempotency_key");

-- AddForeignKey
ALTER TABLE "consent_events" ADD CONSTRAINT "consent_events_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "consent_states" ADD CONSTRAINT "consent_states_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "erasures" ADD CONSTRAINT "erasures_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_chunks" ADD CONSTRAINT "import_chunks_import_id_fkey" FOREIGN KEY ("import_id") REFERENCES "imports"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

