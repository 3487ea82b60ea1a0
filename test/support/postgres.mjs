// A throwaway PostgreSQL server for tests: Debian's binaries, a data folder in a temporary
// directory, a free loopback port, stopped and deleted afterwards. PostgreSQL refuses to run
// as root, so under root (CI) every server command runs as the `postgres` user.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);
const ROOT = "/usr/lib/postgresql";

/** The newest installed server's bin folder ($POSTGRES_BIN wins), or undefined. */
export function postgresBinDir() {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(ROOT, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(ROOT, versions[0], "bin");
}

/** Why no server can be started here, or undefined when one can. */
export function postgresMissing() {
  const bin = postgresBinDir();
  if (!bin || !existsSync(join(bin, "initdb"))) {
    const where = process.env.POSTGRES_BIN ? `in POSTGRES_BIN=${process.env.POSTGRES_BIN}` : `under ${ROOT}/<version>/bin`;
    return `no PostgreSQL server binaries ${where} (Debian: apt-get install postgresql; .ci/run installs it)`;
  }
  if (process.getuid?.() === 0) {
    try {
      execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
    } catch {
      return "running as root, and there is no `postgres` user to run the server as";
    }
  }
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server and answers { url(database), createDatabase(name, template?), stop() }.
 * Connection URLs carry a password although `trust` ignores it: Hyperdrive's local
 * connection string must have one.
 */
export async function startPostgres() {
  const problem = postgresMissing();
  if (problem) throw new Error(`cannot start PostgreSQL: ${problem}`);
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), "orleu-pg-"));
  if (asRoot) await chown(dir, Number(execFileSync("id", ["-u", "postgres"]).toString()), Number(execFileSync("id", ["-g", "postgres"]).toString()));
  const server = (command, args) => (asRoot ? run("runuser", ["-u", "postgres", "--", join(bin, command), ...args]) : run(join(bin, command), args));
  const data = join(dir, "data");
  const port = await freePort();

  // Locale C: text compares byte by byte, as SQLite's does.
  await server("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"]);
  // Durability buys a throwaway server nothing.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  await server("pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-o", options, "-w", "start"]);

  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    const args = ["-D", data, "-m", "immediate", "-w", "stop"];
    try {
      if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", join(bin, "pg_ctl"), ...args], { stdio: "ignore" });
      else execFileSync(join(bin, "pg_ctl"), args, { stdio: "ignore" });
    } catch {
      // already gone
    }
  };
  // A run that dies before its teardown still leaves no server behind.
  process.once("exit", stopNow);

  const url = (database) => `postgresql://postgres:postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    /** Creates a database (from a template when given) and answers its URL. */
    async createDatabase(name, template) {
      const client = new pg.Client({ connectionString: url("postgres") });
      client.on("error", () => {});
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      stopNow();
      process.removeListener("exit", stopNow);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
