// .dev.vars holds the local secrets wrangler dev reads. Missing ones are added with fresh
// random values; existing ones are never changed (a changed ADDRESS_HASH_KEY would orphan
// every suppression in the local database).
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, appendFileSync } from "node:fs";

const SECRETS = {
  ADMIN_API_KEY: () => `mpk_admin_${randomBytes(32).toString("base64url")}`,
  ADDRESS_HASH_KEY: () => randomBytes(32).toString("base64url"),
  RESEND_WEBHOOK_SECRET: () => `whsec_${randomBytes(24).toString("base64")}`,
  LINK_SIGNING_KEYS: () => `1:${randomBytes(32).toString("base64url")}`,
};

/** A fresh set of every local secret, for a throwaway Worker (the browser tests, the screenshots). */
export function freshSecrets() {
  return Object.fromEntries(Object.entries(SECRETS).map(([name, make]) => [name, make()]));
}

export function ensureDevVars(path = ".dev.vars") {
  const text = existsSync(path) ? readFileSync(path, "utf8") : "";
  const present = new Set(text.split("\n").map((line) => line.split("=")[0].trim()));
  const missing = Object.keys(SECRETS).filter((name) => !present.has(name));
  if (missing.length === 0) return [];
  const lines = missing.map((name) => `${name}=${SECRETS[name]()}`);
  const header = text ? "" : "# Local secrets for wrangler dev, made by npm start. Never commit this file.\n";
  appendFileSync(path, `${text && !text.endsWith("\n") ? "\n" : ""}${header}${lines.join("\n")}\n`, { mode: 0o600 });
  return missing;
}
