// The printed tables: one per backend, with the targets, and its scale line.
import { BATCH, CONNECTIONS, DURATION_SECONDS } from "./measures.mjs";

const ratio = (x) => `${x.toFixed(2)}x`;
const verdict = (ok) => (ok ? "met" : "NOT MET");
const ms = (x) => x.toFixed(0);
const count = (n) => n.toLocaleString("en-US");

/** The table for one backend; `size` (the upload) is the same bundle for both, so printed once. */
export function formatTable(name, { contacts, baseline, check, batch, oneClick }, size) {
  const throughput = check.rps / baseline.rps;
  const batchRatio = batch.check / batch.lookup;
  const linksRatio = batch.check / batch.withoutLinks;
  const clickRatio = oneClick.rps / baseline.rps;
  const rows = [
    `| (a) 1 recipient, req/s (${CONNECTIONS} connections, ${DURATION_SECONDS} s) | ${check.rps.toFixed(0)} | ${baseline.rps.toFixed(0)} | ${ratio(throughput)} | >= 0.80x: ${verdict(throughput >= 0.8)} |`,
    `| (a) 1 recipient, p50 / p99 ms | ${check.p50} / ${check.p99} | ${baseline.p50} / ${baseline.p99} | | |`,
    `| (b) ${count(BATCH)} recipients, median ms | ${ms(batch.check)} | ${ms(batch.lookup)} | ${ratio(batchRatio)} | <= 3x: ${verdict(batchRatio <= 3)} |`,
    size && `| (c) Worker upload, gzip KiB (raw ${size.raw}; one bundle for both backends) | ${size.gzip} | | | <= 1024: ${verdict(size.gzip <= 1024)} |`,
    `| (d) ${count(BATCH)} recipients with links vs the same check without, median ms | ${ms(batch.check)} | ${ms(batch.withoutLinks)} | ${ratio(linksRatio)} | <= 1.5x: ${verdict(linksRatio <= 1.5)} |`,
    `| (e) one-click POSTs, req/s | ${oneClick.rps.toFixed(0)} | ${baseline.rps.toFixed(0)} | ${ratio(clickRatio)} | (none) |`,
    `| (e) one-click POSTs, p50 / p99 ms | ${oneClick.p50} / ${oneClick.p99} | ${baseline.p50} / ${baseline.p99} | | |`,
  ].filter(Boolean);
  return `
### ${name}, ${count(contacts)} contacts

| measure | send check | baseline | ratio | target |
|---|---|---|---|---|
${rows.join("\n")}

${check.total} send checks, ${oneClick.total} one-click POSTs and ${baseline.total} baseline requests measured; medians of 7 runs.`;
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
