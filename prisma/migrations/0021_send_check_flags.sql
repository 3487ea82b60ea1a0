-- A send check's record says whether it was made for the topic's digest ("digest": true)
-- and whether it counted its allowed recipients as sent ("commit": true): both change what
-- it answered, so the audit trail keeps them. Checks recorded before say neither (0).
ALTER TABLE "send_checks" ADD COLUMN "digest" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "send_checks" ADD COLUMN "committed" INTEGER NOT NULL DEFAULT 0;
