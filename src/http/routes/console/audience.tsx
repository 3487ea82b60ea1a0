import { Hono, type Context } from "hono";
import { astanaDays, complaintRates, overallRate, seriesOf } from "../../../audience/trends";
import { TOPIC_KEYS } from "../../../consent/catalog";
import { ALL, CHANNELS } from "../../../consent/channels";
import type { AppEnv } from "../../context";
import { AudiencePage, type AudienceFilter } from "../../pages/console/audience";
import { pageLocaleOf } from "../../pages/request";
import { requirePageScope } from "./guard";

/** The filter's choices: "" (any), "*" (recorded for all at once), or one of the catalog's. */
const CHOICES = { topic: ["", ALL, ...TOPIC_KEYS], channel: ["", ALL, ...CHANNELS] } as const;

/**
 * /admin/audience: who may be reached on each topic and channel and why not the others (the
 * hourly snapshot), and 90 days of trends and the email complaint rate, read from the day
 * counts kept as events and sends are written: never a scan of the ledger (docs/console.md).
 */
export const audienceRoutes = new Hono<AppEnv>().use("*", requirePageScope("contacts:read", "audience")).get("/", async (c) => {
  const locale = pageLocaleOf(c);
  const filter: AudienceFilter = { topic: c.req.query("topic") ?? "", channel: c.req.query("channel") ?? "" };
  const days = astanaDays(new Date());
  const badField = (["topic", "channel"] as const).find((field) => !(CHOICES[field] as readonly string[]).includes(filter[field]));
  if (badField) {
    const empty = { granted: [], withdrawn: [], bounced: [], complained: [] };
    const email = { sent: [], complained: [], rates: [], overall: { sent: 0, complaints: 0, rate: null } };
    // The form again, with the choice it could not take reset to "any".
    return c.html(<AudiencePage locale={locale} filter={{ ...filter, [badField]: "" }} badField={badField} days={days} trends={empty} email={email} />, 400);
  }
  const { reach, trends, email } = await audienceNumbers(c, filter, days);
  return c.html(<AudiencePage locale={locale} filter={filter} reach={reach} days={days} trends={trends} email={email} />);
});

async function audienceNumbers(c: Context<AppEnv>, filter: AudienceFilter, days: string[]) {
  const { audience } = c.var.store;
  const since = days[0]!;
  const [reach, filtered, mail] = await Promise.all([
    audience.latestReach(),
    audience.perDay({ since, topic: filter.topic || undefined, channel: filter.channel || undefined }),
    // Complaints are recorded for every topic at once: the rate is email's, whatever the topic filter.
    audience.perDay({ since, channel: "email" }),
  ]);
  const trends = seriesOf(filtered, days);
  const email = seriesOf(mail, days);
  return {
    reach,
    trends,
    email: { sent: email.sent, complained: email.complained, rates: complaintRates(email.sent, email.complained), overall: overallRate(email.sent, email.complained) },
  };
}
