import type { z } from "@hono/zod-openapi";
import { fill } from "../../../consent/texts";
import { offsetName } from "../../../consent/ledger-summary";
import type { Locale } from "../../../consent/locales";
import type { CampaignSchema } from "../../routes/v1/campaigns/schema";
import { ConsoleLayout } from "./layout";
import { Pager, ReasonCounts, TopicName, When } from "./ops-parts";
import { CAMPAIGN_STATUS_TEXT, CAMPAIGNS_TEXT, CONSOLE_TEXT, OPS_TEXT } from "./texts";

/** A campaign as GET /v1/campaigns/{id} shows it (src/http/routes/v1/campaigns/view.ts). */
export type CampaignView = z.output<typeof CampaignSchema>;

/** Recipients that passed the checks: sent, still to go, failed on the way, or stopped by a cancel. */
export function allowedOf(view: CampaignView): number {
  const { sent, queued, failed, cancelled } = view.counts;
  return sent + queued + failed + cancelled;
}

/** Whether cancelling can still stop anything (POST /v1/campaigns/{id}/cancel answers 409 otherwise). */
export function cancellable(view: CampaignView): boolean {
  return view.status === "scheduled" || view.status === "sending";
}

function Status({ locale, view }: { locale: Locale; view: CampaignView }) {
  return <span data-status={view.status}>{CAMPAIGN_STATUS_TEXT[view.status][locale]}</span>;
}

function Progress({ locale, view, id }: { locale: Locale; view: CampaignView; id?: string }) {
  const { batches, batchesDone, percent } = view.progress;
  return (
    <>
      <progress id={id} max={Math.max(batches, 1)} value={batches ? batchesDone : 1} aria-label={CAMPAIGNS_TEXT.progress[locale]}>
        {percent}%
      </progress>{" "}
      {fill(CAMPAIGNS_TEXT.batchesOf[locale], { done: String(batchesDone), total: String(batches) })}
    </>
  );
}

export function CampaignsPage({ locale, views, next, limit, offset }: { locale: Locale; views: CampaignView[]; next: string | null; limit?: number; offset: number }) {
  const words = CAMPAIGNS_TEXT;
  return (
    <ConsoleLayout locale={locale} title={words.title[locale]} path="/admin/campaigns" current="campaigns" signedIn>
      <h1 id="campaigns">{words.title[locale]}</h1>
      <p class="muted">{words.help[locale]}</p>
      <p class="muted">{fill(CONSOLE_TEXT.timesIn[locale], { offset: offsetName(offset) })}</p>
      {views.length === 0 ? (
        <p>{OPS_TEXT.empty[locale]}</p>
      ) : (
        <div class="scroll" role="region" aria-labelledby="campaigns" tabindex={0}>
          <table>
            <caption class="muted">{words.listCaption[locale]}</caption>
            <thead>
              <tr>
                <th scope="col">{words.reference[locale]}</th>
                <th scope="col">{OPS_TEXT.topic[locale]}</th>
                <th scope="col">{words.status[locale]}</th>
                <th scope="col" class="num">{words.sent[locale]}</th>
                <th scope="col" class="num">{words.allowed[locale]}</th>
                <th scope="col" class="num">{words.failed[locale]}</th>
                <th scope="col">{words.batches[locale]}</th>
                <th scope="col">{words.created[locale]}</th>
              </tr>
            </thead>
            <tbody>
              {views.map((view) => (
                <tr data-campaign={view.id}>
                  <td>
                    <a href={`/admin/campaigns/${view.id}`}>{view.reference}</a>
                  </td>
                  <td>
                    <TopicName locale={locale} topic={view.topic} />
                  </td>
                  <td>
                    <Status locale={locale} view={view} />
                  </td>
                  <td class="num">{view.counts.sent}</td>
                  <td class="num">{allowedOf(view)}</td>
                  <td class="num">{view.counts.failed}</td>
                  <td>{fill(words.batchesOf[locale], { done: String(view.progress.batchesDone), total: String(view.progress.batches) })}</td>
                  <td>
                    <When iso={view.createdAt} offset={offset} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager locale={locale} path="/admin/campaigns" next={next} query={{ limit: limit ? String(limit) : "" }} />
    </ConsoleLayout>
  );
}

export type CampaignNotice = "cancelled" | "finished";

export function CampaignPage({ locale, view, offset, notice }: { locale: Locale; view: CampaignView; offset: number; notice?: CampaignNotice }) {
  const words = CAMPAIGNS_TEXT;
  const path = `/admin/campaigns/${view.id}`;
  const counts: [keyof typeof words, number][] = [
    ["recipients", view.counts.recipients],
    ["allowed", allowedOf(view)],
    ["sent", view.counts.sent],
    ["queued", view.counts.queued],
    ["blocked", view.counts.blocked],
    ["failed", view.counts.failed],
    ["cancelledCount", view.counts.cancelled],
    ["bounced", view.counts.bounced],
    ["complained", view.counts.complained],
  ];
  return (
    <ConsoleLayout locale={locale} title={`${words.oneTitle[locale]} ${view.reference}`} path={path} current="campaigns" signedIn>
      <h1>
        {words.oneTitle[locale]} «{view.reference}»
      </h1>
      {notice && (
        <p class={notice === "cancelled" ? "notice" : "error"} role={notice === "cancelled" ? "status" : "alert"}>
          {words[notice][locale]}
        </p>
      )}
      <p class="muted">{fill(CONSOLE_TEXT.timesIn[locale], { offset: offsetName(offset) })}</p>
      <dl class="fields">
        <dt>{words.status[locale]}</dt>
        <dd>
          <Status locale={locale} view={view} />
        </dd>
        <dt>
          <label for="progress">{words.progress[locale]}</label>
        </dt>
        <dd>
          <Progress locale={locale} view={view} id="progress" />
        </dd>
        <dt>{OPS_TEXT.topic[locale]}</dt>
        <dd>
          <TopicName locale={locale} topic={view.topic} />
        </dd>
        <dt>{words.sendAt[locale]}</dt>
        <dd>
          <When iso={view.sendAt} offset={offset} />
        </dd>
        <dt>{words.expectedFinish[locale]}</dt>
        <dd>{view.expectedFinishAt ? <When iso={view.expectedFinishAt} offset={offset} /> : OPS_TEXT.none[locale]}</dd>
        <dt>{words.created[locale]}</dt>
        <dd>
          <When iso={view.createdAt} offset={offset} />
        </dd>
        <dt>{words.sendCheck[locale]}</dt>
        <dd>
          <a href={`/admin/send-checks/${view.sendCheckId}`}>
            <code>{view.sendCheckId}</code>
          </a>
        </dd>
        {counts.map(([key, n]) => (
          <>
            <dt>{words[key][locale]}</dt>
            <dd data-count={key}>{n}</dd>
          </>
        ))}
        <dt>{words.blockedByReason[locale]}</dt>
        <dd>
          <ReasonCounts locale={locale} reasons={view.counts.blockedByReason as Record<string, number>} />
        </dd>
      </dl>
      {view.errors.length > 0 && (
        <>
          <h2 id="errors">{words.errors[locale]}</h2>
          <div class="scroll" role="region" aria-labelledby="errors" tabindex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{words.batch[locale]}</th>
                  <th scope="col">{words.failed[locale]}</th>
                  <th scope="col" class="num">{words.recipients[locale]}</th>
                </tr>
              </thead>
              <tbody>
                {view.errors.map((error) => (
                  <tr>
                    <td class="num">{error.batch}</td>
                    <td>
                      <code>{error.reason}</code> {error.detail}
                    </td>
                    <td class="num">{error.recipients}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {cancellable(view) && (
        <section aria-labelledby="cancel">
          <h2 id="cancel">{words.cancelTitle[locale]}</h2>
          <p class="muted">{words.cancelHelp[locale]}</p>
          <form method="post" action={`${path}/cancel`}>
            <button type="submit" class="danger">
              {words.cancelButton[locale]}
            </button>
          </form>
        </section>
      )}
      <p>
        <a href="/admin/campaigns">← {words.title[locale]}</a>
      </p>
    </ConsoleLayout>
  );
}
