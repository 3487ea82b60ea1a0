import type { Channel } from "../consent/channels";
import type { Topic } from "../consent/catalog";
import { decideSend, type BlockReason } from "../consent/decision";
import type { Locale } from "../consent/locales";
import type { RecipientKey, RecipientLookup, Store } from "../store";
import { newId } from "../ids";
import type { Services } from "./services";

/** One recipient as the caller named it, with the normalised value to look it up by. */
export interface NamedRecipient<Given = unknown> {
  given: Given;
  key: RecipientKey;
  value: string;
}

export interface SendCheckInput<Given> {
  topic: Topic;
  channel: Channel;
  sendAt: Date;
  /** The topic's digest campaign (SendRequest.digest). */
  digest?: boolean;
  campaign: string | null;
  recipients: NamedRecipient<Given>[];
  apiKeyId: string;
  /** The caller sends to the allowed recipients now: each counts as a send for the frequency caps. */
  commit: boolean;
}

/** Makes the unsubscribe link of each allowed recipient, in the order of the contact ids. */
export type LinkMaker<Link> = (link: { topic: string; channel: Channel; sendCheckId: string }, contactIds: string[]) => Promise<Link[]>;

/**
 * May topic T go out on channel C to these recipients? Looks every recipient up in one
 * store call, decides each (the pure decision), records that the check was made with its
 * counts per reason (so an operator can later show the campaign was checked) and, when
 * committed, one send per allowed contact for the frequency caps, then makes each allowed
 * recipient's unsubscribe link with `linksFor`.
 */
export async function checkSend<Given, Link>({ store, config }: Services, input: SendCheckInput<Given>, linksFor: LinkMaker<Link>) {
  const values = { email: [], phone: [], externalId: [], contactId: [] } as Record<RecipientKey, string[]>;
  for (const r of input.recipients) values[r.key].push(r.value);
  const found = await findInSlices(store, { topic: input.topic.key, channel: input.channel, sendAt: input.sendAt, values });
  const request = { topic: input.topic, channel: input.channel, sendAt: input.sendAt, digest: input.digest };
  const allowed: { given: Given; contactId: string; locale: Locale }[] = [];
  const blocked: { given: Given; reason: BlockReason; retryAt?: string; until?: string }[] = [];
  const reasons: Record<string, number> = {};
  for (const { given, key, value } of input.recipients) {
    const facts = found[key].get(value) ?? { found: false, erased: false };
    const decision = decideSend(request, facts, config.sendingWindows);
    reasons[decision.reason] = (reasons[decision.reason] ?? 0) + 1;
    if (!decision.allowed) {
      const { allowed: _, ...why } = decision;
      blocked.push({ given, ...why });
    } else if (facts.found) allowed.push({ given, contactId: facts.contactId, locale: facts.locale });
  }
  const record = {
    id: newId("sc"),
    apiKeyId: input.apiKeyId,
    topic: input.topic.key,
    channel: input.channel,
    campaign: input.campaign,
    sendAt: input.sendAt.toISOString(),
    createdAt: new Date().toISOString(),
    recipients: input.recipients.length,
    allowed: allowed.length,
    blocked: blocked.length,
    reasons,
    digest: input.digest ?? false,
    committed: input.commit ?? false,
  };
  // One send per person, however many times the request named them.
  const committed = input.commit ? { contactIds: [...new Set(allowed.map((a) => a.contactId))], sentAt: record.sendAt } : undefined;
  await store.recordSendCheck(record, committed);
  const links = await linksFor({ topic: record.topic, channel: input.channel, sendCheckId: record.id }, allowed.map((a) => a.contactId));
  return { record, allowed: allowed.map((a, i) => ({ ...a, link: links[i]! })), blocked };
}

/** Values per lookup: a send check's 10,000 are one query; a campaign's 100,000 are ten. */
const LOOKUP_SLICE = 10_000;

async function findInSlices(store: Store, lookup: RecipientLookup) {
  const keys = Object.keys(lookup.values) as RecipientKey[];
  const rounds = Math.max(1, ...keys.map((key) => Math.ceil(lookup.values[key].length / LOOKUP_SLICE)));
  if (rounds === 1) return store.findRecipients(lookup);
  const found = { email: new Map(), phone: new Map(), externalId: new Map(), contactId: new Map() } as Awaited<ReturnType<Store["findRecipients"]>>;
  for (let round = 0; round < rounds; round++) {
    const values = Object.fromEntries(keys.map((key) => [key, lookup.values[key].slice(round * LOOKUP_SLICE, (round + 1) * LOOKUP_SLICE)]));
    const slice = await store.findRecipients({ ...lookup, values: values as RecipientLookup["values"] });
    for (const key of keys) for (const [value, facts] of slice[key]) found[key].set(value, facts);
  }
  return found;
}
