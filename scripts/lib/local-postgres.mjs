// `DATABASE_URL=… npm start`: the Worker on a PostgreSQL server of your own, through the
// Hyperdrive binding HYPERDRIVE. wrangler dev refuses a [[hyperdrive]] binding that has no
// local connection string, so wrangler.toml declares none at the top level (plain
// `npm start` stays on D1); this derives a copy that adds one, and the URL reaches wrangler
// in the environment variable it reads for that binding, never in a file.
import { readFileSync, writeFileSync } from "node:fs";

export const HYPERDRIVE_BINDING = "HYPERDRIVE";
export const HYPERDRIVE_URL_VARIABLE = `CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_${HYPERDRIVE_BINDING}`;
const FORM = "postgresql://user:password@host:port/database";

/** The URL with its password hidden, for messages. */
export function redactedUrl(url) {
  const copy = new URL(url);
  if (copy.password) copy.password = "***";
  return copy.href;
}

/**
 * What keeps DATABASE_URL from being Hyperdrive's local connection string, in one sentence,
 * or undefined: it must be a postgres:// or postgresql:// URL with a host, a user, a password
 * (even for a server that asks for none) and a database. Never shows the password.
 */
export function databaseUrlProblem(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    return `DATABASE_URL is not a URL; the form is ${FORM}`;
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    return `DATABASE_URL must start with postgresql:// or postgres://, not ${url.protocol}//; the form is ${FORM}`;
  }
  const missing = [];
  if (!url.hostname) missing.push("a host");
  if (!url.username) missing.push("a user");
  if (!url.password) missing.push("a password (wrangler wants one even when the server asks for none)");
  if (url.pathname.replace(/^\//, "") === "") missing.push("a database name (the path after the port)");
  const list = missing.length > 1 ? `${missing.slice(0, -1).join(", ")} and ${missing.at(-1)}` : missing[0];
  if (list) return `DATABASE_URL ${redactedUrl(url)} lacks ${list}; the form is ${FORM}`;
  return undefined;
}

/**
 * Writes wrangler.toml plus a top-level HYPERDRIVE binding (no connection string in it) beside
 * the original, where its relative paths still hold, and answers the copy's path.
 */
export function writePostgresConfig(configPath = "wrangler.toml") {
  const copy = configPath.replace(/\.toml$/, ".local-postgres.toml");
  const header = `# Made by \`DATABASE_URL=… npm start\` from ${configPath} at each start; edit that one instead.\n`;
  // A [[table]] header is absolute in TOML: placed last, it still declares a top-level binding.
  const binding = `\n[[hyperdrive]]\nbinding = "${HYPERDRIVE_BINDING}"\nid = "local-postgres" # wrangler dev wants an id; locally only ${HYPERDRIVE_URL_VARIABLE} counts\n`;
  writeFileSync(copy, header + readFileSync(configPath, "utf8") + binding);
  return copy;
}
