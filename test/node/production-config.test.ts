import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fillPlaceholdersForCi, productionProblems, readProductionConfig, type ProductionConfig } from "../../scripts/lib/production-config.mjs";

const root = join(import.meta.dirname, "../..");
const toml = readFileSync(join(root, "wrangler.toml"), "utf8");

/** wrangler.toml as CI fills it, after `edit`, read as wrangler resolves it. */
function filled(edit: (text: string) => string = (t) => t): ProductionConfig {
  const dir = mkdtempSync(join(tmpdir(), "production-config-"));
  const path = join(dir, "wrangler.toml");
  writeFileSync(path, edit(fillPlaceholdersForCi(toml)));
  try {
    return readProductionConfig(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Replaces the one occurrence of `from` in [env.production], failing when there is none. */
const inProduction = (from: string, to: string) => (text: string) => {
  const start = text.indexOf("[env.production]");
  const at = text.indexOf(from, start);
  expect(at, `${from} in [env.production]`).toBeGreaterThan(start);
  return text.slice(0, at) + to + text.slice(at + from.length);
};

describe("deploy:check", () => {
  it("refuses the committed wrangler.toml, naming every placeholder", () => {
    const problems = productionProblems(readProductionConfig(join(root, "wrangler.toml")));
    for (const setting of ["vars.PUBLIC_BASE_URL", "vars.MAIL_FROM", "vars.UNSUBSCRIBE_MAIL_DOMAIN", "hyperdrive[0].id", "d1_databases[0].database_id", "routes[0].pattern"]) {
      expect(problems.some((p) => p.startsWith(`${setting} still holds the placeholder`)), `${setting} in ${problems.join("\n")}`).toBe(true);
    }
    expect(problems.filter((p) => /^ratelimits\[\d\]\.namespace_id still holds/.test(p))).toHaveLength(4);
  });

  it("accepts it once each placeholder is filled, and leaves development's settings alone", () => {
    const config = filled();
    expect(productionProblems(config)).toEqual([]);
    expect(config.development.vars.PUBLIC_BASE_URL).toBe("http://localhost:8787");
    expect(config.production.vars.PUBLIC_BASE_URL).toBe("https://prefs.ci-fake.invalid");
  });

  it("keeps production on PostgreSQL in Kazakhstan, and development on D1 (npm start needs no server)", () => {
    const config = filled();
    expect(config.production.hyperdrive).toEqual([{ binding: "HYPERDRIVE", id: "cf000000000040008000000000000002" }]);
    expect(config.development.hyperdrive).toEqual([]);
  });

  it.each([
    ["a localhost PUBLIC_BASE_URL", inProduction("https://prefs.ci-fake.invalid", "http://localhost:8787"), /PUBLIC_BASE_URL is a development or example address/],
    ["plain http", inProduction("https://prefs.ci-fake.invalid", "http://prefs.ci-fake.invalid"), /PUBLIC_BASE_URL must be an https/],
    ["MAIL_FROM on example.kz", inProduction("no-reply@ci-fake.invalid", "no-reply@example.kz"), /MAIL_FROM is a development or example address/],
    ["an all-zero database id", inProduction("cf000000-0000-4000-8000-000000000001", "00000000-0000-0000-0000-000000000000"), /database_id must be the id/],
    ["a rate-limit namespace used twice", inProduction('"9002"', '"9001"'), /namespace_id 9001 is used twice/],
    ["a var of development's left out", inProduction('LOCAL_UTC_OFFSET = "+05:00"\n', ""), /vars\.LOCAL_UTC_OFFSET is missing/],
    ["a route for another host", inProduction('pattern = "prefs.ci-fake.invalid"', 'pattern = "other.ci-fake.invalid"'), /none serves PUBLIC_BASE_URL's host/],
    ["no dead-letter queue", inProduction('dead_letter_queue = "orleu-imports-dlq"\n', ""), /has no dead_letter_queue/],
    ["observability off", inProduction("enabled = true", "enabled = false"), /observability is not enabled/],
    ["no Hyperdrive binding (the data would stay in D1)", inProduction('binding = "HYPERDRIVE"', 'binding = "OTHER"'), /Hyperdrive binding HYPERDRIVE is missing/],
    ["a Hyperdrive id that is no id", inProduction("cf000000000040008000000000000002", "my-hyperdrive"), /id must be the id `npm run hyperdrive:create` printed/],
    ["a local connection string in production", inProduction('id = "cf000000000040008000000000000002"', 'id = "cf000000000040008000000000000002"\nlocalConnectionString = "postgresql://u:p@localhost/db"'), /localConnectionString is for wrangler dev/],
  ])("refuses %s", (_, edit, problem) => {
    expect(productionProblems(filled(edit)).join("\n")).toMatch(problem);
  });

  it("wants a CI value for every new placeholder", () => {
    expect(() => fillPlaceholdersForCi('x = "REPLACE_ME_SOMETHING_NEW"')).toThrow(/REPLACE_ME_SOMETHING_NEW: add a fake value/);
  });
});
