// A throwaway Worker for the browser tests and the screenshots: `wrangler dev` on a free
// port, on a fresh D1 database (the real migrations) in a temporary folder, with fresh
// secrets from its own env file. Never the developer's .dev.vars or .wrangler/state.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freshSecrets } from "./dev-vars.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
// Run by the current Node (24 under npm), whatever `node` is first on PATH.
const WRANGLER = [join(ROOT, "node_modules/wrangler/bin/wrangler.js")];
const STARTUP_SECONDS = 120;

/** A port nobody listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

const wranglerEnv = () => ({ ...process.env, CI: "1", WRANGLER_SEND_METRICS: "false" });

/**
 * Starts the Worker and waits until GET /healthz answers 200.
 * @returns {Promise<{ base: string, adminKey: string, persist: string, stop: () => Promise<void> }>}
 */
export async function startLocalWorker() {
  const dir = mkdtempSync(join(tmpdir(), "orleu-worker-"));
  const persist = join(dir, "state");
  const logPath = join(dir, "wrangler.log");
  const secrets = freshSecrets();
  const envFile = join(dir, "secrets.env");
  writeFileSync(envFile, Object.entries(secrets).map(([name, value]) => `${name}=${value}\n`).join(""), { mode: 0o600 });
  const removeDir = () => rmSync(dir, { recursive: true, force: true });

  try {
    await promisify(execFile)(process.execPath, [...WRANGLER, "d1", "migrations", "apply", "DB", "--local", "--persist-to", persist], {
      cwd: ROOT,
      env: wranglerEnv(),
    });
  } catch (error) {
    removeDir();
    throw new Error(`wrangler d1 migrations apply failed:\n${error.stdout ?? ""}${error.stderr ?? error.message}`);
  }

  const port = await freePort();
  // "localhost", not 127.0.0.1: PUBLIC_BASE_URL may be plain http only for a local host name.
  const base = `http://localhost:${port}`;
  const log = openSync(logPath, "w");
  const child = spawn(
    process.execPath,
    [...WRANGLER, "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persist, "--env-file", envFile,
      "--var", `PUBLIC_BASE_URL:${base}`, "--log-level", "warn", "--show-interactive-dev-session=false",
      // GET /__scheduled?cron=… runs a cron (the audience's fold and reach) when a test or the screenshots need it.
      "--test-scheduled"],
    { cwd: ROOT, stdio: ["ignore", log, log], env: wranglerEnv(), detached: true },
  );
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const onExit = () => killGroup("SIGKILL");
  process.on("exit", onExit);

  async function stop() {
    process.off("exit", onExit);
    killGroup("SIGTERM");
    const timer = setTimeout(() => killGroup("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
    removeDir();
  }

  const failed = async (why) => {
    const tail = readFileSync(logPath, "utf8").split("\n").slice(-40).join("\n");
    await stop();
    return new Error(`${why}. wrangler dev's log:\n${tail}`);
  };
  for (let waited = 0; waited < STARTUP_SECONDS * 4; waited++) {
    if (child.exitCode !== null || child.signalCode !== null) throw await failed(`wrangler dev exited (${child.exitCode ?? child.signalCode})`);
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.ok) return { base, adminKey: secrets.ADMIN_API_KEY, persist, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw await failed(`wrangler dev did not answer ${base}/healthz within ${STARTUP_SECONDS} s`);
}
