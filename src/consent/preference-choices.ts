import type { Cadence } from "./cadence";
import { ALL, CHANNELS, type Channel } from "./channels";
import { TOPICS, type Topic } from "./catalog";
import { scopeKey, type ConsentStates } from "./decision";
import { boxValue, type StoppedGrants } from "./preference-plan";

/** What the preference page shows one contact: the boxes and switches, as they stand. */
export interface PreferenceChoices {
  /** The channels the contact can be reached on (reachableChannels), in catalog order. */
  channels: Channel[];
  /** Every topic sent on at least one of those channels, with a box per such channel. */
  topics: { topic: Topic; boxes: PreferenceBox[] }[];
  /** Whether each of `channels` is stopped as a whole. */
  stopped: Partial<Record<Channel, boolean>>;
  stoppedAll: boolean;
  /** What the active stops hide: lifting them restores it. */
  stoppedGrants: StoppedGrants;
  /** The topics (with a digest) kept to their digest on every channel: the page's "digest only" boxes. */
  digest: ReadonlySet<string>;
  /** The pauses running now, soonest end first: each can be ended from the page. */
  pauses: Cadence["pauses"];
}

export interface PreferenceBox {
  channel: Channel;
  on: boolean;
  /** Turning it on waits for a confirmation by email. */
  confirm: boolean;
  /** A grant made here waits for its confirmation. */
  awaiting: boolean;
  /** Off, and cannot be turned on from the page: it needs a confirmation and there is no address to send one to. */
  locked: boolean;
  /** Under an active stop of its channel or of everything: kept, but nothing is sent. */
  paused: boolean;
  /** Off because the grant is older than the topic's lifespan: ticking it grants anew. */
  expired: boolean;
}

/**
 * A link can be forwarded, so a grant of an opt_in topic made through one, on any channel,
 * waits for a confirmation mailed to the person's own address (double opt-in). Withdrawing
 * never waits, and opt_out topics are granted in one step.
 */
export function needsConfirmation(topic: Topic): boolean {
  return topic.consent === "opt_in";
}

/** How the page knows where a person can be reached: their addresses, and the channels of their ledger. */
export interface Reach {
  email: string | null;
  phone: string | null;
  /** Every channel named by one of the contact's consent events, of any status. */
  recorded: ReadonlySet<string>;
}

/**
 * The channels the page offers: email for an email address, SMS for a phone, and calls,
 * WhatsApp and Telegram only when the person has a consent event of their own on that
 * channel (a phone number alone says nothing of a messenger account). A grant on every
 * channel (`*`) does not count as a record of any one of them.
 */
export function reachableChannels({ email, phone, recorded }: Reach): Channel[] {
  return CHANNELS.filter((channel) => {
    if (channel === "email") return email !== null;
    if (phone === null) return false;
    return channel === "sms" || recorded.has(channel);
  });
}

/**
 * `awaiting`: the scopes ("topic channel", scopeKey) whose grant waits for its confirmation;
 * their boxes show it. `stoppedGrants`: what the active stops hide (store.findStoppedGrants).
 * `cadence`: the pauses and digest choices in force (store.findCadence).
 */
export function preferenceChoices(
  reach: Reach,
  states: ConsentStates,
  awaiting: ReadonlySet<string> = new Set(),
  stoppedGrants: StoppedGrants = new Set(),
  cadence: Cadence = { pauses: [], digests: [] },
  /** Now: grants past their topic's lifespan show off. */
  at?: Date,
): PreferenceChoices {
  const channels = reachableChannels(reach);
  const withdrawn = (topic: string, channel: string) => states.get(scopeKey(topic, channel))?.status === "withdrawn";
  return {
    channels,
    topics: TOPICS.map((topic) => ({
      topic,
      boxes: channels
        .filter((channel) => topic.channels.includes(channel))
        .map((channel) => {
          const on = boxValue(topic, channel, states, stoppedGrants, at);
          const confirm = needsConfirmation(topic);
          return {
            channel,
            on,
            confirm,
            awaiting: !on && awaiting.has(scopeKey(topic.key, channel)),
            locked: !on && confirm && reach.email === null,
            paused: withdrawn(ALL, ALL) || withdrawn(ALL, channel),
            expired: !on && at !== undefined && boxValue(topic, channel, states, stoppedGrants),
          };
        }),
    })).filter((t) => t.boxes.length > 0),
    stopped: Object.fromEntries(channels.map((channel) => [channel, withdrawn(ALL, channel)])),
    stoppedAll: withdrawn(ALL, ALL),
    stoppedGrants,
    digest: new Set(cadence.digests.filter((d) => d.channel === ALL).map((d) => d.topic)),
    pauses: cadence.pauses,
  };
}
