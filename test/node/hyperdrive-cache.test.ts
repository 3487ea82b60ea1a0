import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hyperdriveCreateArgs, hyperdriveProblems } from "../../scripts/lib/hyperdrive.mjs";

// Hyperdrive's query cache would keep copies of query results (personal data) in Cloudflare's
// cache, outside Kazakhstan. It is a property of the configuration in Cloudflare, so these run
// the shipped commands against a fake of Cloudflare's API and look at what they send and accept.

const root = join(import.meta.dirname, "../..");
const exec = promisify(execFile);
type Sent = { method: string; url: string; body: Record<string, unknown> | undefined };

let server: Server;
let sent: Sent[] = [];
let stored: Record<string, unknown> = {};

beforeAll(async () => {
  server = createServer(async (request, response) => {
    let text = "";
    for await (const chunk of request) text += chunk;
    const body = text ? JSON.parse(text) : undefined;
    sent.push({ method: request.method!, url: request.url!, body });
    const result = request.method === "POST" ? { id: "0588de2028054413a9f8d7dba56bbbe5", ...body } : stored;
    response.setHeader("Content-Type", "application/json");
    response.end(JSON.stringify({ success: true, errors: [], messages: [], result }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** `npm run <script> -- …args` as an operator would run it, against the fake API. */
async function npmRun(script: string, args: string[] = []) {
  sent = [];
  const env = {
    ...process.env,
    CLOUDFLARE_API_BASE_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`,
    CLOUDFLARE_API_TOKEN: "fake-token",
    CLOUDFLARE_ACCOUNT_ID: "fake-account",
    WRANGLER_SEND_METRICS: "false",
  };
  try {
    const { stdout, stderr } = await exec("npm", ["run", "-s", script, "--", ...args], { cwd: root, env });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, output: stdout + stderr };
  }
}

const ORIGIN = ["--connection-string=postgresql://orleu:secret@db.orleu.kz:5432/orleu", "--ca-certificate-id", "ca-1"];

describe("npm run hyperdrive:create", () => {
  it("creates the configuration with its query cache off and sslmode verify-full", async () => {
    const { code, output } = await npmRun("hyperdrive:create", ORIGIN);
    expect(code, output).toBe(0);
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(["POST /client/v4/accounts/fake-account/hyperdrive/configs"]);
    const { body } = sent[0]!;
    expect(body).toMatchObject({ name: "orleu-preferences", mtls: { ca_certificate_id: "ca-1", sslmode: "verify-full" } });
    expect(body!.caching).toEqual({ disabled: true });
  });

  it("through a Workers VPC Service too, where the service verifies the certificate", async () => {
    const { code, output } = await npmRun("hyperdrive:create", ["orleu-kz", "--service-id", "vpc-1", "--database", "orleu", "--user", "orleu", "--password", "secret"]);
    expect(code, output).toBe(0);
    expect(sent.map((r) => r.method)).toEqual(["POST"]);
    const { body } = sent[0]!;
    expect(body).toMatchObject({ name: "orleu-kz", origin: { service_id: "vpc-1" }, caching: { disabled: true } });
    expect(body!.mtls).toBeUndefined();
  });

  it.each([
    ["--max-age=60"],
    ["--swr", "30"],
    ["--caching-disabled=false"],
    ["--caching-disabled", "false"],
    ["--no-caching-disabled"],
    ["--cachingDisabled=false"],
    ["--maxAge", "60"],
    ["--sslmode", "require"],
    ["--update-config"],
    ["--"],
  ])("refuses %s", (...flag) => {
    expect(() => hyperdriveCreateArgs([...ORIGIN, ...flag])).toThrow(/cache|sslmode|top level|not be flags/);
  });

  it("refuses before calling Cloudflare", async () => {
    const { code, output } = await npmRun("hyperdrive:create", [...ORIGIN, "--max-age=60"]);
    expect(code).not.toBe(0);
    expect(output).toMatch(/--max-age is a cache setting/);
    expect(sent).toEqual([]);
  });
});

describe("npm run hyperdrive:check (part of npm run deploy)", () => {
  const good = { id: "0588de2028054413a9f8d7dba56bbbe5", origin: { host: "db.orleu.kz" }, caching: { disabled: true }, mtls: { sslmode: "verify-full" } };

  it("accepts the binding's configuration with its cache off and verify-full", async () => {
    stored = good;
    const { code, output } = await npmRun("hyperdrive:check");
    expect(code, output).toBe(0);
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /client/v4/accounts/fake-account/hyperdrive/configs/REPLACE_ME_HYPERDRIVE_ID"]);
  });

  it("fails when the cache was turned on since", async () => {
    stored = { ...good, caching: { disabled: false, max_age: 60 } };
    const { code, output } = await npmRun("hyperdrive:check");
    expect(code).not.toBe(0);
    expect(output).toMatch(/query cache is on/);
  });

  it.each([
    ["no caching field (Cloudflare's default: on)", { ...good, caching: undefined }, /query cache is on/],
    ["sslmode require", { ...good, mtls: { sslmode: "require" } }, /does not verify/],
    ["no mtls field", { ...good, mtls: undefined }, /does not verify/],
  ])("refuses %s", (_, config, problem) => {
    expect(hyperdriveProblems(config).join("\n")).toMatch(problem);
  });

  it("is run by npm run deploy before anything is uploaded", () => {
    const deploy: string = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.deploy;
    expect(deploy).toMatch(/scripts\/hyperdrive\.mjs check && .*wrangler deploy --env production$/);
  });
});
