-- The contacts' partial indexes on the address hashes, as D1's 0023: the suppression export
-- with addresses finds each suppressed hash's contact through them.
CREATE INDEX "contacts_email_hash_idx" ON "contacts"("email_hash") WHERE "email_hash" IS NOT NULL;
CREATE INDEX "contacts_phone_hash_idx" ON "contacts"("phone_hash") WHERE "phone_hash" IS NOT NULL;
