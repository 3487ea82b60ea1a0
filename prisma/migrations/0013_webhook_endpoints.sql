-- Consent webhooks out (issue 13, docs/webhooks.md "Outgoing consent webhooks"): endpoints
-- registered through the API, and one delivery row per (endpoint, event), written by
-- triggers in the same statement as the change itself, so no path that changes consent,
-- suppresses or erases can forget to tell the endpoints. Rows hold ids only; the body is
-- built when the delivery goes out. A Queue consumer sends them (src/webhooks/queue.ts).

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "url" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "include_addresses" INTEGER NOT NULL DEFAULT 0,
    "secret_seed" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "webhook_endpoint_deliveries" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "endpoint_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "contact_id" TEXT NOT NULL,
    "event_seq" INTEGER,
    "created_at" TEXT NOT NULL,
    "queued_at" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_status" INTEGER,
    "last_error" TEXT,
    "last_attempt_at" TEXT,
    "next_attempt_at" TEXT,
    "finished_at" TEXT,
    CONSTRAINT "webhook_endpoint_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "webhook_endpoint_deliveries_endpoint_id_created_at_idx" ON "webhook_endpoint_deliveries"("endpoint_id", "created_at");

-- CreateIndex
CREATE INDEX "webhook_endpoint_deliveries_queued_at_idx" ON "webhook_endpoint_deliveries"("queued_at");

-- consent.changed: a state moved (the ledger trigger inserted or updated its row), so a
-- late event that changes nothing, and pending or suppressed events, tell no one.
CREATE TRIGGER "consent_states_webhooks_insert" AFTER INSERT ON "consent_states"
BEGIN
    INSERT INTO "webhook_endpoint_deliveries" ("id", "endpoint_id", "type", "contact_id", "event_seq", "created_at")
    SELECT 'msg_' || lower(hex(randomblob(16))), w."id", 'consent.changed', NEW."contact_id", NEW."event_seq", strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM "webhook_endpoints" AS w WHERE instr(' ' || w."events" || ' ', ' consent.changed ') > 0;
END;

CREATE TRIGGER "consent_states_webhooks_update" AFTER UPDATE ON "consent_states"
BEGIN
    INSERT INTO "webhook_endpoint_deliveries" ("id", "endpoint_id", "type", "contact_id", "event_seq", "created_at")
    SELECT 'msg_' || lower(hex(randomblob(16))), w."id", 'consent.changed', NEW."contact_id", NEW."event_seq", strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM "webhook_endpoints" AS w WHERE instr(' ' || w."events" || ' ', ' consent.changed ') > 0;
END;

-- suppression.added: a contact's address suppressed, as its ledger records it (a hard
-- bounce's "suppressed" event, a complaint's withdrawal). Erasure's suppressions are told as
-- contact.erased.
CREATE TRIGGER "consent_events_webhooks_suppression" AFTER INSERT ON "consent_events"
WHEN NEW."status" = 'suppressed' OR NEW."source" = 'complaint'
BEGIN
    INSERT INTO "webhook_endpoint_deliveries" ("id", "endpoint_id", "type", "contact_id", "event_seq", "created_at")
    SELECT 'msg_' || lower(hex(randomblob(16))), w."id", 'suppression.added', NEW."contact_id", NEW."seq", strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM "webhook_endpoints" AS w WHERE instr(' ' || w."events" || ' ', ' suppression.added ') > 0;
END;

CREATE TRIGGER "erasures_webhooks" AFTER INSERT ON "erasures"
BEGIN
    INSERT INTO "webhook_endpoint_deliveries" ("id", "endpoint_id", "type", "contact_id", "event_seq", "created_at")
    SELECT 'msg_' || lower(hex(randomblob(16))), w."id", 'contact.erased', NEW."contact_id", NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM "webhook_endpoints" AS w WHERE instr(' ' || w."events" || ' ', ' contact.erased ') > 0;
END;
