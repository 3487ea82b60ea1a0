import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { databaseUrlProblem, writePostgresConfig } from "../../scripts/lib/local-postgres.mjs";

// `DATABASE_URL=… npm start`: the URL is checked before anything runs, and the Worker gets
// wrangler.toml's configuration plus the HYPERDRIVE binding, nothing else.

const root = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "local-postgres-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("DATABASE_URL", () => {
  it("accepts a URL with host, user, password and database, postgres:// or postgresql://", () => {
    expect(databaseUrlProblem("postgresql://orleu:secret@127.0.0.1:5432/orleu")).toBeUndefined();
    expect(databaseUrlProblem("postgres://orleu:secret@db.local/orleu?sslmode=require")).toBeUndefined();
  });

  it.each([
    ["mysql://orleu:secret@127.0.0.1/orleu", /must start with postgresql:\/\/ or postgres:\/\/, not mysql:\/\//],
    ["orleu:secret@127.0.0.1/orleu", /must start with postgresql:\/\//],
    ["not a url", /is not a URL/],
    ["postgresql://127.0.0.1:5432/orleu", /lacks a user and a password/],
    ["postgresql://orleu@127.0.0.1:5432/orleu", /lacks a password \(wrangler wants one/],
    ["postgresql://orleu:secret@127.0.0.1:5432", /lacks a database name/],
    ["postgresql://orleu:secret@127.0.0.1:5432/", /lacks a database name/],
    ["postgresql:///orleu", /lacks a host, a user and a password/],
  ])("names what %s lacks, never its password", (url, problem) => {
    const message = databaseUrlProblem(url)!;
    expect(message).toMatch(problem);
    expect(message).not.toContain("secret");
  });

  it("stops npm start before anything runs, with the reason alone", async () => {
    const run = promisify(execFile)(process.execPath, ["scripts/start.mjs"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: "postgresql://orleu:secret@127.0.0.1:5432" },
    });
    const failure = (await run.then(() => undefined, (error) => error)) as { code: number; stdout: string; stderr: string };
    expect(failure?.code).toBe(1);
    expect(failure.stderr.trim()).toBe(
      "npm start: DATABASE_URL postgresql://orleu:***@127.0.0.1:5432 lacks a database name (the path after the port); the form is postgresql://user:password@host:port/database",
    );
    expect(failure.stdout).toBe("");
  });
});

describe("the configuration npm start derives", () => {
  const original = join(dir, "wrangler.toml");
  copyFileSync(join(root, "wrangler.toml"), original);
  const derived = writePostgresConfig(original);
  const read = (path: string, env?: string) => unstable_readConfig({ config: path, env });
  /** What wrangler resolves, without the fields naming the file it was read from. */
  const settings = (path: string, env?: string) => {
    const { configPath, userConfigPath, topLevelName, hyperdrive, ...rest } = read(path, env);
    return { rest, hyperdrive };
  };

  it("sits beside wrangler.toml and is wrangler.toml plus a HYPERDRIVE binding without its URL", () => {
    expect(derived).toBe(join(dir, "wrangler.local-postgres.toml"));
    expect(settings(original).hyperdrive).toEqual([]);
    expect(settings(derived).hyperdrive).toEqual([{ binding: "HYPERDRIVE", id: "local-postgres" }]);
    expect(settings(derived).rest).toEqual(settings(original).rest);
    expect(readFileSync(derived, "utf8")).not.toMatch(/localConnectionString|postgres(ql)?:\/\//);
  });

  it("leaves production's configuration as it was", () => {
    expect(settings(derived, "production")).toEqual(settings(original, "production"));
  });
});
