// npm run bench:import: a 100,000-row NDJSON import, end to end, against the Worker under
// wrangler dev (local D1, local Queues) on a fresh database: generates the file, POSTs it,
// polls the status until done, and prints the time and the counts. Then imports the same
// file again and shows that nothing changed. Not a test: it prints.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalWorker } from "./lib/local-worker.mjs";

const ROWS = Number(process.env.IMPORT_ROWS ?? 100_000);

/** Two consent records per contact, with evidence: a baseline grant, and a newsletter grant or (every tenth) withdrawal. */
function writeFile(path) {
  const lines = [];
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    lines.push(
      JSON.stringify({
        externalId: `bench-import-${i}`,
        email: `import-${i}@example.kz`,
        phone: `+7701${1_000_000 + i}`,
        locale: i % 3 ? "kk" : "ru",
        consents: [
          { topic: "*", channel: "*", status: "granted", occurredAt: `2023-07-${day}T09:30:00+05:00`, policyVersion: "2023-06", evidence: { form: "registration", ip: `10.0.${i >> 8 & 255}.${i & 255}` } },
          { topic: "newsletter", channel: "email", status: i % 10 ? "granted" : "withdrawn", occurredAt: `2024-02-${day}T12:00:00Z` },
        ],
      }),
    );
  }
  writeFileSync(path, lines.join("\n") + "\n");
}

function counts(persist) {
  const sql = `SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM consent_events) AS events,
    (SELECT count(*) FROM consent_states) AS states, (SELECT max(updated_at) FROM contacts) AS lastContactUpdate`;
  const out = execFileSync("wrangler", ["d1", "execute", "DB", "--local", "--persist-to", persist, "--json", "--command", sql], {
    encoding: "utf8",
    env: { ...process.env, CI: "1" },
  });
  return JSON.parse(out)[0].results[0];
}

async function runImport(worker, body) {
  const started = performance.now();
  const response = await fetch(`${worker.base}/v1/imports`, {
    method: "POST",
    headers: { authorization: `Bearer ${worker.adminKey}`, "content-type": "application/x-ndjson" },
    body,
  });
  const accepted = await response.json();
  if (response.status !== 202) throw new Error(`POST /v1/imports: ${response.status} ${JSON.stringify(accepted)}`);
  const uploaded = (performance.now() - started) / 1000;
  for (let shown = -1; ; ) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const status = await (await fetch(`${worker.base}/v1/imports/${accepted.id}`, { headers: { authorization: `Bearer ${worker.adminKey}` } })).json();
    if (status.progress.percent !== shown) {
      shown = status.progress.percent;
      process.stdout.write(`  ${status.status} ${shown}% (${status.progress.chunksDone}/${status.progress.chunks} chunks)\n`);
    }
    if (status.status === "done" || status.status === "failed") return { ...status, uploaded, seconds: (performance.now() - started) / 1000 };
  }
}

function report(label, result) {
  const { rows, imported, unchanged, rejected, seconds, uploaded } = result;
  console.log(
    `${label}: ${result.status}, ${rows} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s; upload and chunking ${uploaded.toFixed(1)} s)` +
      `\n  imported ${imported}, unchanged ${unchanged}, rejected ${rejected}`,
  );
}

const dir = mkdtempSync(join(tmpdir(), "bench-import-"));
const file = join(dir, "contacts.ndjson");
writeFile(file);
const body = readFileSync(file);
console.log(`${ROWS} rows, ${(body.byteLength / 1024 / 1024).toFixed(1)} MiB of NDJSON; starting wrangler dev on a fresh database…`);
const worker = await startLocalWorker();
try {
  const first = await runImport(worker, body);
  report("first import", first);
  const before = counts(worker.persist);
  console.log(`  database: ${JSON.stringify(before)}`);
  const again = await runImport(worker, body);
  report("same file again", again);
  const after = counts(worker.persist);
  console.log(`  database: ${JSON.stringify(after)}`);
  const same = JSON.stringify(before) === JSON.stringify(after);
  console.log(same && again.imported === 0 ? "  nothing changed" : "  CHANGED: the rerun wrote something");
  if (!same || first.status !== "done" || again.status !== "done") process.exitCode = 1;
} finally {
  await worker.stop();
  rmSync(dir, { recursive: true, force: true });
}
