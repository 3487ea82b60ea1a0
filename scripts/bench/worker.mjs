// What both backends' runs share: wrangler, the local secrets, the Worker under `wrangler dev`
// with the baseline routes mounted, and requests to it.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDevVars } from "../lib/dev-vars.mjs";
import { freePort } from "../lib/local-worker.mjs";

export const wrangler = (args, options = {}) =>
  execFileSync("wrangler", args, { encoding: "utf8", env: { ...process.env, CI: "1" }, maxBuffer: 64 << 20, ...options });

/** .dev.vars, made if missing: wrangler dev reads the secrets from it, the seed its ADDRESS_HASH_KEY. */
export function readDevVars() {
  ensureDevVars();
  return Object.fromEntries(
    readFileSync(".dev.vars", "utf8")
      .split("\n")
      .filter((line) => /^\w+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1).trim()]),
  );
}

export function policyVersion() {
  return /POLICY_VERSION\s*=\s*"([^"]+)"/.exec(readFileSync("wrangler.toml", "utf8"))[1];
}

/** wrangler dev's log, in the checkout it runs. */
const logOf = (cwd = ".") => join(cwd, ".wrangler/bench-dev.log");

/**
 * `wrangler dev` on a free port with BENCH_ROUTES=1, its local D1 in `persist`; `config` and
 * `env` add to its arguments and environment (the PostgreSQL run's binding); `cwd`, another
 * checkout to run instead of this one (bench:versus), with its own inspector port so that
 * two can run side by side. Answers once /healthz says the store is `store`.
 */
export async function startWorker(options) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOn(await freePort(), options);
    } catch (error) {
      // Others' processes on the machine may take the free port before wrangler binds it.
      if (attempt === 3 || !readFileSync(logOf(options.cwd), "utf8").includes("Address already in use")) throw error;
    }
  }
}

async function startOn(port, { persist, store, config = [], env = {}, cwd = "." }) {
  const log = logOf(cwd);
  const child = spawn(
    "wrangler",
    ["dev", ...config, "--port", String(port), "--ip", "127.0.0.1", "--inspector-port", String(await freePort()), "--persist-to", persist, "--var", "BENCH_ROUTES:1", "--log-level", process.env.BENCH_LOG_LEVEL ?? "warn"],
    { cwd, stdio: ["ignore", openSync(log, "w"), openSync(log, "a")], env: { ...process.env, ...env, CI: "1" }, detached: true },
  );
  const exited = new Promise((resolve) => child.on("exit", resolve));
  const kill = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {}
  };
  const onExit = () => kill("SIGKILL");
  process.on("exit", onExit);
  /** Ends wrangler and workerd, and waits for them: the next run wants the machine to itself. */
  async function stop() {
    process.off("exit", onExit);
    kill("SIGTERM");
    const timer = setTimeout(() => kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) {
      await stop(); // and whatever it started
      throw new Error(`wrangler dev exited; see ${log}`);
    }
    const health = await fetch(`${base}/healthz`).then((r) => (r.ok ? r.json() : undefined), () => undefined);
    if (health) {
      if (health.store === store) return { base, stop, cpuMs: workerdCpu(child.pid) };
      await stop();
      throw new Error(`the Worker runs on ${health.store}, not ${store}; see ${log}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`wrangler dev did not become healthy in 120 s; see ${log}`);
}

/**
 * CPU time (ms) the workerd processes of this `wrangler dev` (the Worker, wrangler's proxy)
 * have used so far, from /proc: work per request, which unlike req/s barely moves with
 * whatever else a shared machine runs. Undefined where there is no /proc or pgrep.
 */
function workerdCpu(groupId) {
  let pids;
  try {
    pids = execFileSync("pgrep", ["-g", String(groupId), "workerd"], { encoding: "utf8" }).split("\n").filter(Boolean);
  } catch {
    return undefined;
  }
  const tickMs = 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
  const ticks = (pid) => {
    // Fields 14 and 15 of /proc/<pid>/stat, counted after the command's closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return Number(fields[11]) + Number(fields[12]);
  };
  return () => pids.reduce((total, pid) => total + ticks(pid), 0) * tickMs;
}

export async function post(base, path, key, body, method = "POST") {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** The Worker's upload, raw and gzip KiB, from `wrangler deploy --dry-run`: one bundle serves both backends. */
export function uploadSize() {
  const outdir = mkdtempSync(join(tmpdir(), "bench-bundle-"));
  try {
    const output = wrangler(["deploy", "--dry-run", "--env=", "--outdir", outdir]);
    const match = /Total Upload:\s*([\d.]+)\s*KiB\s*\/\s*gzip:\s*([\d.]+)\s*KiB/.exec(output);
    if (!match) throw new Error(`could not read the upload size from:\n${output}`);
    return { raw: Number(match[1]), gzip: Number(match[2]) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
