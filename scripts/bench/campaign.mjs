// The campaign benchmark's run (npm run bench:campaign): one campaign to the first
// `recipients` bench contacts, by contact id, POSTed to a Worker that sends through the fake
// Resend; polled until done. What the fake got is read back from it, by idempotency key.
import { BENCH_TOPIC, benchContactId } from "./seed.mjs";
import { post } from "./worker.mjs";

const POLL_MS = 1_000;
/** No batch finishing for this long means the fan-out is stuck (wrangler dev's log says why). */
const STALL_MS = 120_000;

const newsletter = (greeting, words) =>
  `<h1>${greeting}</h1>` + Array.from({ length: 8 }, (_, i) => `<p>${words} ${i + 1}. ${"Lorem ipsum dolor sit amet. ".repeat(5)}</p>`).join("");

/** A newsletter of ~2.5 KB html in Kazakh and Russian, without {{unsubscribe_url}}: each message gets the footer. */
export const campaignRequest = (recipients) => ({
  topic: BENCH_TOPIC,
  channel: "email",
  reference: `bench-${Date.now()}`,
  subject: { kk: "Желтоқсан жаңалықтары", ru: "Новости декабря" },
  html: { kk: newsletter("Сәлем!", "Жаңалық"), ru: newsletter("Здравствуйте!", "Новость") },
  text: { kk: "Сәлем! Желтоқсан жаңалықтары.", ru: "Здравствуйте! Новости декабря." },
  recipients: Array.from({ length: recipients }, (_, n) => ({ contactId: benchContactId(n) })),
});

/**
 * POSTs the campaign and polls it until done. Answers the campaign as created and as done, the POST's ms,
 * the ms from its 202 to `done` seen, and the batch requests the fake got for it, each with
 * the time it arrived (Date.now, the same clock as `accepted`).
 */
export async function runCampaign(base, adminKey, fakeBaseUrl, recipients) {
  const { key } = await post(base, "/v1/api-keys", adminKey, { name: "bench-campaign", scopes: ["campaigns:send"] });
  const body = campaignRequest(recipients);
  const started = performance.now();
  const created = await post(base, "/v1/campaigns", key, body);
  const postMs = performance.now() - started;
  const accepted = Date.now();
  console.log(`  202 after ${(postMs / 1000).toFixed(1)} s: ${created.counts.queued} recipients queued in ${created.progress.batches} batches`);

  let campaign = created;
  for (let lastProgress = Date.now(), shown = -1; campaign.status !== "done"; ) {
    if (!["scheduled", "sending"].includes(campaign.status)) throw new Error(`the campaign ended ${campaign.status}: ${JSON.stringify(campaign.errors)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const response = await fetch(`${base}/v1/campaigns/${created.id}`, { headers: { authorization: `Bearer ${key}` } });
    if (!response.ok) throw new Error(`GET /v1/campaigns/${created.id}: ${response.status} ${await response.text()}`);
    const previous = campaign;
    campaign = await response.json();
    if (campaign.progress.batchesDone !== previous.progress.batchesDone) lastProgress = Date.now();
    else if (Date.now() - lastProgress > STALL_MS) throw new Error(`no batch finished in ${STALL_MS / 1000} s; see .wrangler/bench-dev.log`);
    if (Math.floor(campaign.progress.percent / 10) !== shown) {
      shown = Math.floor(campaign.progress.percent / 10);
      console.log(`  ${campaign.status} ${campaign.progress.percent}% (${campaign.progress.batchesDone}/${campaign.progress.batches} batches) at ${((Date.now() - accepted) / 1000).toFixed(0)} s`);
    }
  }
  const fanOutMs = Date.now() - accepted;
  const batches = await (await fetch(`${fakeBaseUrl}/_fake/batches?key=${encodeURIComponent(`campaign/${created.id}/`)}`)).json();
  return { created, campaign, postMs, fanOutMs, accepted, batches };
}
