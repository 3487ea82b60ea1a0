import { TOPICS } from "../consent/catalog";
import { addressKindOf, ALL, type Channel } from "../consent/channels";
import { decideSend, type Decision } from "../consent/decision";
import type { SendingWindows } from "../consent/sending-window";
import { recipientFacts, type RecipientRow } from "../store/rows";
import type { AudienceRow, ReachSnapshot, Store } from "../store";

/** Contacts per read: each is a few hundred bytes of states. */
const PAGE = 5_000;

/** The audience is who may be reached, not when: no sending window applies. */
const ANY_TIME: SendingWindows = { utcOffsetMinutes: 0, holidays: new Set(), byChannel: {} };

/** Every topic and each of its channels: the cells of the audience. */
export const SCOPES: readonly { topic: (typeof TOPICS)[number]; channel: Channel }[] = TOPICS.flatMap((topic) =>
  topic.channels.map((channel) => ({ topic, channel })),
);

/**
 * What a send check would answer for this contact on every topic and channel, sending
 * windows and frequency caps aside (the audience's reach, the console's matrix): the row the
 * send check's own query reads for one scope (src/store/d1/recipients.ts) is cut from the
 * contact's every-scope row, and goes through the same recipientFacts and decideSend.
 */
export function decideContact(row: AudienceRow, at: Date): { topic: string; channel: Channel; decision: Decision }[] {
  const lines = (text: string | null) => (text ? text.split("\n").map((line) => line.split(" ")) : []);
  const states = lines(row.states);
  const awaiting = new Set(lines(row.awaiting).map(([topic, channel]) => `${topic} ${channel}`));
  const suppressions = { email: lines(row.emailSuppressions), phone: lines(row.phoneSuppressions) };
  const cadence = lines(row.cadence);
  return SCOPES.map(({ topic, channel }) => {
    const kind = addressKindOf(channel);
    const onChannel = suppressions[kind].filter(([c]) => c === channel || c === ALL);
    const scoped: RecipientRow = {
      at: 0,
      contactId: row.id,
      locale: row.locale,
      erased: 0,
      hasAddress: kind === "email" ? row.hasEmail : row.hasPhone,
      suppression: onChannel.length === 0 ? null : Math.max(...onChannel.map(([, erased]) => Number(erased))),
      states:
        states
          .filter(([t, c]) => (t === topic.key || t === ALL) && (c === channel || c === ALL))
          .map((parts) => parts.join(" "))
          .join("\n") || null,
      awaiting: awaiting.has(`${topic.key} ${channel}`) ? 1 : 0,
      // How often is a send's question, as when is: no frequency cap either.
      capsReached: null,
      // As the send check's query reads consent_cadence (src/store/d1/recipients.ts): "until digest".
      cadence: `${
        cadence
          .filter(([kind, t, c]) => kind === "paused" && (t === topic.key || t === ALL) && (c === channel || c === ALL))
          .map(([, , , until]) => until!)
          .sort()
          .at(-1) ?? ""
      } ${cadence.some(([kind, t, c]) => kind === "digest" && t === topic.key && (c === channel || c === ALL)) ? 1 : 0}`,
    };
    return { topic: topic.key, channel, decision: decideSend({ topic, channel, sendAt: at }, recipientFacts(scoped, channel), ANY_TIME) };
  });
}

/**
 * Who may be reached on each topic and channel now, and why not the others: every contact
 * not erased, a page at a time, decided as the send check decides. Run by the hourly cron.
 */
export async function computeReach(store: Store, now = new Date()): Promise<ReachSnapshot> {
  const cells = new Map(SCOPES.map(({ topic, channel }) => [`${topic.key} ${channel}`, { topic: topic.key, channel, allowed: 0, reasons: {} as Record<string, number> }]));
  let contacts = 0;
  let after: string | null = null;
  for (;;) {
    const page = await store.audience.contactsPage({ after, limit: PAGE });
    for (const row of page) {
      for (const { topic, channel, decision } of decideContact(row, now)) {
        const cell = cells.get(`${topic} ${channel}`)!;
        if (decision.allowed) cell.allowed++;
        cell.reasons[decision.reason] = (cell.reasons[decision.reason] ?? 0) + 1;
      }
    }
    contacts += page.length;
    if (page.length < PAGE) break;
    after = page.at(-1)!.id;
  }
  return { computedAt: now.toISOString(), contacts, cells: [...cells.values()] };
}
