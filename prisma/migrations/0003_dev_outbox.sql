-- The local outbox: mail the Worker keeps instead of sending when RESEND_API_KEY is unset,
-- which is allowed only when PUBLIC_BASE_URL is a localhost URL (src/mail/outbox.ts).
-- The same idempotency key is stored once, as Resend sends it once.
CREATE TABLE "dev_outbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "idempotency_key" TEXT NOT NULL,
    "to_address" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE UNIQUE INDEX "dev_outbox_idempotency_key_key" ON "dev_outbox"("idempotency_key");
