// The printed tables: one per backend, with the issue's targets, and its scale line.
import { UPLOAD_BUDGET_KIB } from "../lib/production-config.mjs";
import { BATCH, BATCH_RUNS, CAPS_RUNS, CONNECTIONS, DURATION_SECONDS } from "./measures.mjs";

const ratio = (x) => `${x.toFixed(2)}x`;
const verdict = (ok) => (ok ? "met" : "NOT MET");
const ms = (x) => x.toFixed(0);
const count = (n) => n.toLocaleString("en-US");

/** The table for one backend; `size` (the upload) is the same bundle for both, so printed once. */
export function formatTable(name, { contacts, baseline, check, batch, caps, oneClick }, size) {
  const throughput = check.rps / baseline.rps;
  const batchRatio = batch.check / batch.lookup;
  const linksRatio = batch.check / batch.withoutLinks;
  const clickRatio = oneClick.rps / baseline.rps;
  const capsRatio = caps.withCaps / caps.withoutCaps;
  const rows = [
    `| (a) 1 recipient, req/s (${CONNECTIONS} connections, ${DURATION_SECONDS} s) | ${check.rps.toFixed(0)} | ${baseline.rps.toFixed(0)} | ${ratio(throughput)} | >= 0.80x: ${verdict(throughput >= 0.8)} |`,
    `| (a) 1 recipient, p50 / p99 ms | ${check.p50} / ${check.p99} | ${baseline.p50} / ${baseline.p99} | | |`,
    `| (b) ${count(BATCH)} recipients, median ms | ${ms(batch.check)} | ${ms(batch.lookup)} | ${ratio(batchRatio)} | <= 3x: ${verdict(batchRatio <= 3)} |`,
    size && `| (c) Worker upload, gzip KiB (raw ${size.raw}; one bundle for both backends) | ${size.gzip} | | | <= ${UPLOAD_BUDGET_KIB}: ${verdict(size.gzip <= UPLOAD_BUDGET_KIB)} |`,
    `| (d) ${count(BATCH)} recipients with links vs the same check without, median ms | ${ms(batch.check)} | ${ms(batch.withoutLinks)} | ${ratio(linksRatio)} | <= 1.5x: ${verdict(linksRatio <= 1.5)} |`,
    `| (e) one-click POSTs, req/s | ${oneClick.rps.toFixed(0)} | ${baseline.rps.toFixed(0)} | ${ratio(clickRatio)} | (none) |`,
    `| (e) one-click POSTs, p50 / p99 ms | ${oneClick.p50} / ${oneClick.p99} | ${baseline.p50} / ${baseline.p99} | | |`,
    `| (f) ${count(BATCH)} recipients with two frequency caps (${caps.sendsEach} sends each to count) vs no caps, median ms | ${ms(caps.withCaps)} | ${ms(caps.withoutCaps)} | ${ratio(capsRatio)} | <= 1.10x: ${verdict(capsRatio <= 1.1)} |`,
  ].filter(Boolean);
  return `
### ${name}, ${count(contacts)} contacts

| measure | send check | baseline | ratio | target |
|---|---|---|---|---|
${rows.join("\n")}

${check.total} send checks, ${oneClick.total} one-click POSTs and ${baseline.total} baseline requests measured; medians of ${BATCH_RUNS} runs, of ${CAPS_RUNS} for (f).${formatCpu({ baseline, check, batch, caps, oneClick })}`;
}

/**
 * The same comparisons by work per request (CPU of the Worker's workerd processes), which a
 * machine shared with other work leaves nearly as it is; throughput is about its inverse.
 */
function formatCpu({ baseline, check, batch, caps, oneClick }) {
  if (baseline.cpu === undefined) return "";
  const per = (x) => x.toFixed(x < 10 ? 2 : 0);
  const pair = (a, b) => `${per(a)} / ${per(b)} (${ratio(a / b)})`;
  return `
Worker CPU per request, ms: (a) baseline / check ${pair(baseline.cpu, check.cpu)}; (e) baseline / one-click ${pair(baseline.cpu, oneClick.cpu)};
(b) check / raw query ${pair(batch.cpu.check, batch.cpu.lookup)}; (d) with / without links ${pair(batch.cpu.check, batch.cpu.withoutLinks)};
(f) with / without caps ${pair(caps.cpu.withCaps, caps.cpu.withoutCaps)}.`;
}

/** How the 10,000-recipient check grows with the list: the table's (b) next to the same measure on a larger one. */
export function formatScale(name, small, large) {
  const times = (label, a, b) => `| ${label} | ${ms(a)} | ${ms(b)} | ${ratio(b / a)} |`;
  const [before, after] = [small.check / small.lookup, large.check / large.lookup];
  return `
| scale on ${name}: ${count(BATCH)} recipients, median ms | ${count(small.contacts)} contacts | ${count(large.contacts)} contacts | growth |
|---|---|---|---|
${times("send check", small.check, large.check)}
${times("one raw query, same addresses (baseline)", small.lookup, large.lookup)}
| send check / raw query (target <= 3x) | ${ratio(before)} | ${ratio(after)} | |`;
}

const seconds = (msValue) => `${(msValue / 1000).toFixed(1)} s`;
const micros = (msValue, n) => `${((msValue * 1000) / n).toFixed(0)} µs`;

/**
 * npm run bench:campaign's table: the POST and the fan-out, per recipient next to the
 * 10,000-recipient send check of the same run, what the fake Resend got, and the fan-out's
 * unpaced throughput next to the real pace (`realRate` requests of 100 a second).
 */
export function formatCampaign({ recipients, rate, realRate, run, check }) {
  const { created, campaign, postMs, fanOutMs, accepted, batches } = run;
  const { sent, blocked, failed } = campaign.counts;
  const messages = batches.reduce((total, b) => total + b.size, 0);
  const keys = new Set(batches.map((b) => b.idempotencyKey)).size;
  const answers = Object.entries(Object.groupBy(batches, (b) => String(b.answer))).map(([answer, list]) => `${list.length} × ${answer}`);
  const perRecipient = (msValue, n) => (msValue * 1000) / n;
  const checkUs = perRecipient(check.check, BATCH);
  const vsCheck = (msValue, n) => ratio(perRecipient(msValue, n) / checkUs);
  const times = batches.map((b) => b.at);
  // The first batch may go before the 202 reaches this process: shown as 0.
  const first = Math.max(0, Math.min(...times) - accepted);
  const last = Math.max(...times) - accepted;
  // Per batch from the requests' spacing: free of the polling's resolution.
  const batchMs = (last - first) / Math.max(1, batches.length - 1);
  const unpaced = sent / (fanOutMs / 1000);
  const realMs = (batches.length / realRate) * 1000;
  const realInterval = 1000 / realRate;
  return `
### Campaign of ${count(recipients)} recipients, D1 (local), fake Resend, CAMPAIGN_SEND_RATE=${rate}

| measure | time | per recipient | vs the send check |
|---|---|---|---|
| POST /v1/campaigns → 202 (check ${count(recipients)}, keep ${count(created.counts.queued)} in ${count(created.progress.batches)} batches, queue them) | ${seconds(postMs)} | ${micros(postMs, recipients)} | ${vsCheck(postMs, recipients)} |
| 202 → \`done\` (${count(sent)} sent, ${count(blocked)} blocked, ${count(failed)} failed) | ${seconds(fanOutMs)} | ${micros(fanOutMs, sent)} | ${vsCheck(fanOutMs, sent)} |
| ${count(BATCH)}-recipient send check, median of 7 (same Worker, before the campaign) | ${ms(check.check)} ms | ${checkUs.toFixed(1)} µs | 1.00x |

| the fake Resend got | |
|---|---|
| batch requests (POST /emails/batch) | ${count(batches.length)} (${count(keys)} idempotency keys; answers ${answers.join(", ")}) |
| messages in them | ${count(messages)} |
| first / last request, after the 202 | ${seconds(first)} / ${seconds(last)} |
| unpaced fan-out, 202 → \`done\` | ${unpaced.toFixed(0)} recipients/s, ${(batches.length / (fanOutMs / 1000)).toFixed(1)} requests/s |
| one batch, from the requests' spacing | ${batchMs.toFixed(0)} ms |
| at the real pace (${realRate} requests/s, ${realRate * 100} recipients/s) | ${seconds(realMs)} for these ${count(batches.length)} requests: ${ratio(realMs / fanOutMs)} the unpaced time |

The real pace spaces requests ${realInterval.toFixed(0)} ms apart; it is the only limit while a batch's own work plus Resend's answer takes less. Unpaced, a batch took ${batchMs.toFixed(0)} ms here (the fake answers at once), so ${batchMs < realInterval ? `the pace limits, with ${(realInterval - batchMs).toFixed(0)} ms a batch left for Resend's answer; the Worker alone would sustain about ${(1000 / batchMs).toFixed(1)} requests/s` : `the Worker, not the pace, limits: about ${(1000 / batchMs).toFixed(1)} requests/s before any wait for Resend`}.`;
}
