-- Email campaigns the service sends itself (issue 15, docs/campaigns.md): POST /v1/campaigns
-- runs the send check, keeps the allowed recipients here in batches of up to 100, and a
-- Queue consumer sends each batch through Resend after checking consent again. Ids only:
-- addresses are read from contacts when a batch goes out.

-- CreateTable
CREATE TABLE "campaigns" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "api_key_id" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "from_address" TEXT NOT NULL,
    "reply_to" TEXT,
    "content" TEXT NOT NULL,
    "send_at" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "send_check_id" TEXT NOT NULL,
    "recipients" INTEGER NOT NULL,
    "duplicates" INTEGER NOT NULL,
    "blocked_at_start" TEXT NOT NULL,
    "batches" INTEGER NOT NULL,
    "cancelled_at" TEXT,
    "failed_at" TEXT
);

-- CreateTable
CREATE TABLE "campaign_recipients" (
    "campaign_id" TEXT NOT NULL,
    "contact_id" TEXT NOT NULL,
    "batch" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "detail" TEXT,
    "locale" TEXT,
    "message_id" TEXT,
    "sent_at" TEXT,
    "delivery" TEXT,

    PRIMARY KEY ("campaign_id", "contact_id"),
    CONSTRAINT "campaign_recipients_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "campaigns_api_key_id_reference_key" ON "campaigns"("api_key_id", "reference");

-- CreateIndex
CREATE INDEX "campaign_recipients_campaign_id_batch_idx" ON "campaign_recipients"("campaign_id", "batch");

-- CreateIndex
CREATE INDEX "campaign_recipients_message_id_idx" ON "campaign_recipients"("message_id");
