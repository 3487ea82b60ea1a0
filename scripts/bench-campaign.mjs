// npm run bench:campaign: the figures issue 15 asks for. One campaign to 100,000 recipients
// (the bench contacts of .wrangler/bench-state, by contact id; 90% granted the topic) end to
// end, against the Worker under `wrangler dev` on its local D1 and local Queues, sending to
// the tests' fake Resend (test/support/fake-resend.ts) with the pace set high
// (CAMPAIGN_SEND_RATE=1000), so that what limits the fan-out is the Worker. It prints the
// POST's time, the time from the 202 to `done`, each per recipient next to a 10,000-recipient
// send check measured on the same Worker, what the fake got, and the unpaced throughput next
// to the real pace (2 requests of 100 a second). Not a test: it prints.
//
// Local Queues deliver one batch of messages at a time, as max_concurrency = 1 does deployed,
// and a full batch (max_batch_size = 10) at once: wrangler.toml's consumer is used as it is.
//
//   BENCH_CAMPAIGN_RECIPIENTS=20000   a smaller campaign (default 100,000, the most one takes)
import { d1Backend, deleteBenchCampaigns } from "./bench/d1.mjs";
import { runCampaign } from "./bench/campaign.mjs";
import { measureBatchCheck } from "./bench/measures.mjs";
import { formatCampaign } from "./bench/report.mjs";
import { readDevVars } from "./bench/worker.mjs";

const CONTACTS = 100_000;
const RECIPIENTS = Number(process.env.BENCH_CAMPAIGN_RECIPIENTS ?? CONTACTS);
const RATE = 1000; // CAMPAIGN_SEND_RATE's maximum: an interval of 1 ms, no limit in practice
const REAL_RATE = 2; // wrangler.toml's CAMPAIGN_SEND_RATE, what Resend allows a team

if (!Number.isInteger(RECIPIENTS) || RECIPIENTS < 1 || RECIPIENTS > CONTACTS) {
  throw new Error(`BENCH_CAMPAIGN_RECIPIENTS must be 1 to ${CONTACTS}`);
}
// The fake is TypeScript, shared with the tests; Node 24 (npm run's, from node_modules) strips the types.
if (!process.features.typescript) throw new Error(`Node ${process.version} cannot load test/support/fake-resend.ts: run npm run bench:campaign`);
const { FAKE_RESEND_KEY, startFakeResend } = await import("../test/support/fake-resend.ts");

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

const vars = readDevVars();
const backend = d1Backend(vars);
console.log(`Node ${process.version}; a campaign of ${RECIPIENTS.toLocaleString("en-US")} recipients`);
console.log(`D1: ${CONTACTS.toLocaleString("en-US")} contacts ${await backend.prepare(CONTACTS)}`);
deleteBenchCampaigns();
const fake = await startFakeResend();
try {
  const variables = { RESEND_API_KEY: FAKE_RESEND_KEY, RESEND_BASE_URL: fake.baseUrl, CAMPAIGN_SEND_RATE: String(RATE) };
  const { base, stop } = await backend.startWorker({ config: ["--var", ...Object.entries(variables).map(([name, value]) => `${name}:${value}`)] });
  try {
    console.log("  the 10,000-recipient send check, 3 warm-up runs and 7 measured…");
    const check = await measureBatchCheck(base, vars.ADMIN_API_KEY, CONTACTS);
    const run = await runCampaign(base, vars.ADMIN_API_KEY, fake.baseUrl, RECIPIENTS);
    console.log(formatCampaign({ recipients: RECIPIENTS, rate: RATE, realRate: REAL_RATE, run, check }));
  } finally {
    await stop();
  }
} finally {
  await fake.close();
  await backend.close();
}
