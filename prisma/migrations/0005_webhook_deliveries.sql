-- Webhook deliveries already processed, one row per sender and message id (Resend's
-- svix-id). The row is written in the same D1 batch as the delivery's effects (suppressions,
-- ledger events), each of which runs only while no row for that id exists, so a delivery
-- that is retried or replayed changes nothing the second time. Holds no address.
CREATE TABLE "webhook_deliveries" (
    "source" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "received_at" TEXT NOT NULL,

    PRIMARY KEY ("source", "message_id")
);
