import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      ADMIN_API_KEY: string;
      ADDRESS_HASH_KEY: string;
      LINK_SIGNING_KEYS: string;
      RESEND_WEBHOOK_SECRET: string;
    }
  }
}
