// What `npm run deploy:check` refuses in wrangler.toml's [env.production], read as wrangler
// resolves it (so what is checked is what `wrangler deploy --env production` uploads).
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { unstable_readConfig } from "wrangler";


/**
 * The most the production upload may weigh, gzip KiB (docs/decisions.md, "Size"): a quarter
 * of the 1 MiB that was Cloudflare's Free plan limit when the first budget was set, added
 * for the operators' console and issue 13; Prisma's PostgreSQL query compiler alone is
 * ~660 KiB of it. Cloudflare's limits are now 3 MiB (Free) and 10 MiB (Paid).
 */
export const UPLOAD_BUDGET_KIB = 1280;

export const PRODUCTION_ENV = "production";

/** The configuration `wrangler deploy --env production` would use, and development's (the top level). */
export function readProductionConfig(configPath = "wrangler.toml") {
  return {
    production: unstable_readConfig({ config: configPath, env: PRODUCTION_ENV }),
    development: unstable_readConfig({ config: configPath }),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HYPERDRIVE_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const DEVELOPMENT_HOST = /\b(?:localhost|127\.0\.0\.1|\[::1\])\b|\bexample\.(?:kz|com|org|net)\b/i;

/** What stops this configuration from being production's, one sentence each; [] when none. */
export function productionProblems({ production, development }) {
  const problems = [];
  const settings = {
    vars: production.vars,
    hyperdrive: production.hyperdrive.map(({ binding, id }) => ({ binding, id })), // a connection string is refused below, unprinted
    d1_databases: production.d1_databases,
    ratelimits: production.ratelimits,
    queues: production.queues,
    routes: production.routes,
  };
  for (const [path, value] of strings(settings)) {
    if (value.includes("REPLACE_ME")) problems.push(`${path} still holds the placeholder ${JSON.stringify(value)}`);
    else if (DEVELOPMENT_HOST.test(value)) problems.push(`${path} is a development or example address: ${JSON.stringify(value)}`);
  }

  // Wrangler gives an environment none of the top level's vars or bindings: each must be repeated.
  const missing = (kind, names, have) => names.filter((n) => !have.includes(n)).forEach((n) => problems.push(`${kind}${n} is missing`));
  missing("vars.", Object.keys(development.vars ?? {}), Object.keys(production.vars ?? {}));
  missing("the D1 binding ", development.d1_databases.map((d) => d.binding), production.d1_databases.map((d) => d.binding));
  missing("the rate limit ", development.ratelimits.map((r) => r.name), production.ratelimits.map((r) => r.name));
  missing("the queue producer ", (development.queues.producers ?? []).map((q) => q.binding), (production.queues.producers ?? []).map((q) => q.binding));
  missing("the queue consumer of ", (development.queues.consumers ?? []).map((q) => q.queue), (production.queues.consumers ?? []).map((q) => q.queue));

  const placeholder = (value) => String(value).includes("REPLACE_ME"); // reported above
  // Production keeps personal data in Kazakhstan: PostgreSQL through Hyperdrive, never D1 alone.
  const hyperdrive = production.hyperdrive.find((h) => h.binding === "HYPERDRIVE");
  if (!hyperdrive) problems.push(`the Hyperdrive binding HYPERDRIVE is missing: without it the data would be kept in D1, outside Kazakhstan`);
  else if (!placeholder(hyperdrive.id) && (!HYPERDRIVE_ID.test(hyperdrive.id ?? "") || /^[0-]+$/.test(hyperdrive.id))) {
    problems.push(`hyperdrive HYPERDRIVE: id must be the id \`npm run hyperdrive:create\` printed, not ${JSON.stringify(hyperdrive.id)}`);
  }
  for (const h of production.hyperdrive) {
    if (h.localConnectionString) problems.push(`hyperdrive ${h.binding}: localConnectionString is for wrangler dev and would put a password in wrangler.toml`);
  }
  for (const db of production.d1_databases) {
    if (placeholder(db.database_id)) continue;
    if (!UUID.test(db.database_id ?? "") || /^[0-]+$/.test(db.database_id)) {
      problems.push(`d1_databases ${db.binding}: database_id must be the id \`wrangler d1 create\` printed, not ${JSON.stringify(db.database_id)}`);
    }
  }
  const namespaces = production.ratelimits.map((r) => r.namespace_id);
  for (const r of production.ratelimits) {
    if (placeholder(r.namespace_id)) continue;
    if (!/^[1-9]\d*$/.test(r.namespace_id)) problems.push(`ratelimits ${r.name}: namespace_id must be a positive integer`);
    else if (namespaces.indexOf(r.namespace_id) !== namespaces.lastIndexOf(r.namespace_id)) {
      problems.push(`ratelimits ${r.name}: namespace_id ${r.namespace_id} is used twice (each limit needs its own)`);
    }
  }
  // A dead-letter queue's own consumer (it marks what landed there) needs none: its letters would only move on.
  const deadLetterQueues = new Set((production.queues.consumers ?? []).map((c) => c.dead_letter_queue).filter(Boolean));
  for (const consumer of production.queues.consumers ?? []) {
    if (!consumer.dead_letter_queue && !deadLetterQueues.has(consumer.queue)) problems.push(`the queue consumer of ${consumer.queue} has no dead_letter_queue`);
  }

  let base;
  try {
    base = new URL(production.vars.PUBLIC_BASE_URL);
  } catch {
    // reported below
  }
  if (base?.protocol !== "https:") problems.push("vars.PUBLIC_BASE_URL must be an https:// URL");
  const hosts = (production.routes ?? []).map((r) => (typeof r === "string" ? r : r.pattern).replace(/\/.*$/, ""));
  if (!hosts.length) problems.push("routes: none, so nothing would reach the Worker");
  else if (base && !placeholder(production.vars.PUBLIC_BASE_URL) && !hosts.includes(base.host)) problems.push(`routes: none serves PUBLIC_BASE_URL's host ${base.host}`);
  if (!production.observability?.enabled) problems.push("observability is not enabled (no logs to read after a failure)");
  return problems;
}

/** Every string in a value, with its path ("vars.MAIL_FROM", "routes[0].pattern"). */
function* strings(value, path = "") {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k);
}

/** Fake but well-formed values for CI's production build; `.invalid` (RFC 2606) can never resolve. */
const CI_VALUES = {
  PREFS_HOST: "prefs.ci-fake.invalid",
  MAIL_DOMAIN: "ci-fake.invalid",
  UNSUBSCRIBE_MAIL_DOMAIN: "unsubscribe.ci-fake.invalid",
  D1_DATABASE_ID: "cf000000-0000-4000-8000-000000000001",
  HYPERDRIVE_ID: "cf000000000040008000000000000002",
  API_RATE_LIMIT_NAMESPACE: "9001",
  LINK_REQUEST_CLIENT_NAMESPACE: "9002",
  LINK_REQUEST_ADDRESS_NAMESPACE: "9003",
  CONSOLE_SIGN_IN_NAMESPACE: "9004",
};

/** wrangler.toml's text with every REPLACE_ME_<NAME> filled for CI; throws on a name CI has no value for. */
export function fillPlaceholdersForCi(toml) {
  return toml.replace(/REPLACE_ME_([A-Z0-9_]+)/g, (marker, name) => {
    if (!(name in CI_VALUES)) throw new Error(`${marker}: add a fake value for it to CI_VALUES in scripts/lib/production-config.mjs`);
    return CI_VALUES[name];
  });
}

/**
 * Runs `use(path)` with a copy of wrangler.toml whose placeholders are filled for CI, beside
 * the original (its relative paths, main and migrations_dir, must still hold), then removes it.
 */
export async function withCiConfig(use, configPath = "wrangler.toml") {
  const copy = configPath.replace(/\.toml$/, ".ci-production.toml");
  writeFileSync(copy, fillPlaceholdersForCi(readFileSync(configPath, "utf8")));
  try {
    return await use(copy);
  } finally {
    rmSync(copy, { force: true });
  }
}
