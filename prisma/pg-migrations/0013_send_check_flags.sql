-- A send check's record keeps "digest" and "commit", as D1's 0021.
ALTER TABLE "send_checks" ADD COLUMN "digest" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "send_checks" ADD COLUMN "committed" INTEGER NOT NULL DEFAULT 0;
