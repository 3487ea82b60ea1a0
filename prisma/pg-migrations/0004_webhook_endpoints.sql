-- Consent webhooks out (issue 13), as D1's 0013: endpoints, and one delivery row per
-- (endpoint, event) written by triggers in the transaction of the change itself.

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "include_addresses" INTEGER NOT NULL DEFAULT 0,
    "secret_seed" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoint_deliveries" (
    "id" TEXT NOT NULL,
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

    CONSTRAINT "webhook_endpoint_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_endpoint_deliveries_endpoint_id_created_at_idx" ON "webhook_endpoint_deliveries"("endpoint_id", "created_at");

-- CreateIndex
CREATE INDEX "webhook_endpoint_deliveries_queued_at_idx" ON "webhook_endpoint_deliveries"("queued_at");

-- AddForeignKey
ALTER TABLE "webhook_endpoint_deliveries" ADD CONSTRAINT "webhook_endpoint_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One delivery per subscribed endpoint: the event type and the column holding the ledger
-- event's seq (none: NULL) are the trigger's arguments; the contact is the row's.
CREATE FUNCTION "webhook_endpoint_deliveries_add"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "webhook_endpoint_deliveries" ("id", "endpoint_id", "type", "contact_id", "event_seq", "created_at")
    SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), w."id", TG_ARGV[0], NEW."contact_id",
           (to_jsonb(NEW) ->> TG_ARGV[1])::integer,
           to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    FROM "webhook_endpoints" AS w WHERE position(' ' || TG_ARGV[0] || ' ' IN ' ' || w."events" || ' ') > 0;
    RETURN NULL;
END;
$$;

-- consent.changed: a state moved (the ledger trigger inserted or updated its row). Two
-- triggers, as D1 needs, so each keeps its D1 name.
CREATE TRIGGER "consent_states_webhooks_insert" AFTER INSERT ON "consent_states"
FOR EACH ROW EXECUTE FUNCTION "webhook_endpoint_deliveries_add"('consent.changed', 'event_seq');

CREATE TRIGGER "consent_states_webhooks_update" AFTER UPDATE ON "consent_states"
FOR EACH ROW EXECUTE FUNCTION "webhook_endpoint_deliveries_add"('consent.changed', 'event_seq');

-- suppression.added: a contact's address suppressed, as its ledger records it.
CREATE TRIGGER "consent_events_webhooks_suppression" AFTER INSERT ON "consent_events"
FOR EACH ROW WHEN (NEW."status" = 'suppressed' OR NEW."source" = 'complaint')
EXECUTE FUNCTION "webhook_endpoint_deliveries_add"('suppression.added', 'seq');

CREATE TRIGGER "erasures_webhooks" AFTER INSERT ON "erasures"
FOR EACH ROW EXECUTE FUNCTION "webhook_endpoint_deliveries_add"('contact.erased', 'none');
