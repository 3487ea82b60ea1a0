/**
 * The Worker's bindings: what wrangler.toml declares (generated into
 * worker-configuration.d.ts by `wrangler types`) and the secrets, which come from
 * .dev.vars locally and `wrangler secret put` in production.
 */
export interface Secrets {
  /** A key with every scope, for bootstrapping and operators. Unset: no such key. */
  ADMIN_API_KEY?: string;
  /** Keys the HMAC that stands in for addresses in suppressions. Required; never rotate it. */
  ADDRESS_HASH_KEY?: string;
  /** Svix-style whsec_… secret for Resend's webhooks. */
  RESEND_WEBHOOK_SECRET?: string;
  /** The keys that sign links, "id:secret" comma-separated, the signing key first (src/signing/key-ring.ts). */
  LINK_SIGNING_KEYS?: string;
  /** Optional variable (wrangler.toml): the domain of the mailto: unsubscribe address. */
  UNSUBSCRIBE_MAIL_DOMAIN?: string;
  /** Optional variable (wrangler.toml): the privacy policy the pages and mails link to; unusable, the link is left out. */
  POLICY_URL?: string;
  /** Optional variables: Cloudflare Access in front of /admin, trusted instead of a console key (docs/console.md). */
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
  /** Resend's API key. Unset: mail goes to the local outbox, which only a localhost deployment may use. */
  RESEND_API_KEY?: string;
  /** Optional: Resend's API, default https://api.resend.com (tests point it at a local fake). */
  RESEND_BASE_URL?: string;
  /** "1" mounts the benchmark's baseline routes (scripts/bench.mjs only). */
  BENCH_ROUTES?: string;
}

// Env has HYPERDRIVE optional: wrangler.toml declares it only in [env.production] (and
// `DATABASE_URL=… npm start` in the config it derives). Present, the store is PostgreSQL;
// absent, D1 (src/store/index.ts).
export type Bindings = Env & Secrets;
