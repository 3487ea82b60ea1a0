import { ALL, type Channel } from "../../../consent/channels";
import type { Topic } from "../../../consent/catalog";
import type { PreferenceChoices } from "../../../consent/preference-choices";
import type { PreferenceForm, Toggle } from "../../../consent/preference-plan";
import { parsePauseMonths } from "../../../consent/cadence";
import type { CadenceRequest } from "../../../flows/pause";

/**
 * The submitted form, checked against what the page could have shown this contact: every
 * box named as "topic/channel/0|1" in was-pref (and ticked ones in pref), every switch as
 * "channel|*\/0|1" in was-stop (ticked ones in stop), every "digest only" box as "topic/0|1"
 * in was-digest (ticked ones in digest; optional, so a form from before it still saves). Anything else (an unknown topic, a
 * channel without an address, a tick for something not shown, a repeat, a tick on a locked
 * box) makes the whole form invalid: nothing of it is saved.
 */
export function readPreferenceForm(body: Record<string, unknown>, choices: PreferenceChoices): PreferenceForm | undefined {
  const fields = asLists(body);
  const shownBoxes = new Map<string, { topic: Topic; channel: Channel; locked: boolean }>(
    choices.topics.flatMap(({ topic, boxes }) => boxes.map(({ channel, locked }) => [`${topic.key}/${channel}`, { topic, channel, locked }])),
  );
  const shownStops = new Set<string>([...choices.channels, ALL]);
  const boxes = readToggles(fields["was-pref"], fields.pref, (key) => shownBoxes.has(key));
  const stops = readToggles(fields["was-stop"], fields.stop, (key) => shownStops.has(key));
  const shownDigests = new Map(choices.topics.filter(({ topic }) => topic.digest).map(({ topic }) => [topic.key, topic]));
  const digests = readToggles(fields["was-digest"], fields.digest, (key) => shownDigests.has(key));
  if (!boxes || !stops || !digests || boxes.size + stops.size === 0) return undefined;
  if ([...boxes].some(([key, toggle]) => toggle.now && !toggle.was && shownBoxes.get(key)!.locked)) return undefined;
  const { [ALL]: stopAll, ...stopChannel } = Object.fromEntries(stops);
  return {
    stopAll: stopAll ?? { was: choices.stoppedAll, now: choices.stoppedAll },
    stopChannel: stopChannel as Partial<Record<Channel, Toggle>>,
    boxes: [...boxes].map(([key, choice]) => {
      const { topic, channel } = shownBoxes.get(key)!;
      return { topic, channel, choice };
    }),
    digest: [...digests].map(([key, choice]) => ({ topic: shownDigests.get(key)!, choice })),
  };
}

/**
 * The page's small forms: pause=<a topic shown>|* with months=1|3, or resume=<topic>/<channel>
 * of a pause running now. Anything else, or both at once: undefined, and nothing is written.
 */
export function readCadenceForm(body: Record<string, unknown>, choices: PreferenceChoices): CadenceRequest | undefined {
  const { pause = [], months = [], resume = [] } = asLists(body);
  if (pause.length + resume.length !== 1) return undefined;
  if (pause.length === 1) {
    const topic = pause[0]!;
    const length = months.length === 1 ? parsePauseMonths(months[0]) : undefined;
    const shown = topic === ALL || choices.topics.some((t) => t.topic.key === topic);
    return length && shown ? { kind: "pause", topic, months: length } : undefined;
  }
  const running = choices.pauses.find((p) => `${p.topic}/${p.channel}` === resume[0]);
  return running && { kind: "resume", topic: running.topic, channel: running.channel };
}

function readToggles(was: string[] = [], ticked: string[] = [], known: (key: string) => boolean): Map<string, Toggle> | undefined {
  const toggles = new Map<string, Toggle>();
  for (const entry of was) {
    const match = /^(.+)\/([01])$/.exec(entry);
    if (!match || !known(match[1]!) || toggles.has(match[1]!)) return undefined;
    toggles.set(match[1]!, { was: match[2] === "1", now: false });
  }
  for (const key of ticked) {
    const toggle = toggles.get(key);
    if (!toggle || toggle.now) return undefined;
    toggle.now = true;
  }
  return toggles;
}

/** Form fields as lists of strings (files, which no form of ours sends, are dropped). */
function asLists(fields: Record<string, unknown>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string")]),
  );
}
