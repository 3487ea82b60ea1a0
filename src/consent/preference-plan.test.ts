import { describe, expect, it } from "vitest";
import { findTopic, type Topic } from "./catalog";
import type { Channel } from "./channels";
import { decideConsent, scopeKey, type ScopeConsent } from "./decision";
import { boxValue, planPreferenceChanges, type PlannedEvent, type PreferenceForm, type StoppedGrants, type Toggle } from "./preference-plan";
import type { ConsentStatus } from "./sources";

const topic = (key: string) => findTopic(key)!;
const NEWS = topic("newsletter"); // opt_out, email/whatsapp/telegram
const UPDATES = topic("service_updates"); // opt_out
const ADS = topic("advertising"); // opt_in
const same = (value: boolean): Toggle => ({ was: value, now: value });
const flip = (now: boolean): Toggle => ({ was: !now, now });

const SINCE = "2026-01-01T00:00:00.000Z";

function states(entries: Record<string, ConsentStatus>): Map<string, ScopeConsent> {
  return new Map(Object.entries(entries).map(([scope, status]) => [scope.replace(",", " "), { status, since: SINCE }]));
}

/** A form for email only, with the boxes as the page would have shown them unless overridden. */
function form(
  current: ReturnType<typeof states>,
  changes: { stopAll?: Toggle; stopEmail?: Toggle; boxes?: [Topic, Channel, Toggle][] } = {},
  stoppedGrants: StoppedGrants = new Set(),
): PreferenceForm {
  const shown: [Topic, Channel][] = [
    [NEWS, "email"],
    [UPDATES, "email"],
    [ADS, "email"],
  ];
  return {
    stopAll: changes.stopAll ?? same(current.get(scopeKey("*", "*"))?.status === "withdrawn"),
    stopChannel: { email: changes.stopEmail ?? same(current.get(scopeKey("*", "email"))?.status === "withdrawn") },
    boxes: shown.map(([t, c]) => {
      const override = changes.boxes?.find(([ot, oc]) => ot === t && oc === c);
      return { topic: t, channel: c, choice: override?.[2] ?? same(boxValue(t, c, current, stoppedGrants)) };
    }),
    digest: [],
  };
}

const noConfirmation = () => false;
const emailOptIn = (t: Topic, c: Channel) => t.consent === "opt_in" && c === "email";

function apply(current: ReturnType<typeof states>, events: PlannedEvent[]) {
  const next = new Map(current);
  for (const e of events) {
    if (e.status === "cleared") next.delete(scopeKey(e.topic, e.channel));
    else if (e.status !== "pending") next.set(scopeKey(e.topic, e.channel), { status: e.status, since: SINCE });
  }
  return next;
}

describe("the preference page's plan", () => {
  const baseline = states({ "*,*": "granted" });

  it.each<[string, ReturnType<typeof states>, Parameters<typeof form>[1], PlannedEvent[]]>([
    ["nothing changed writes nothing", baseline, {}, []],
    [
      "unticking one topic withdraws it on that channel only",
      baseline,
      { boxes: [[NEWS, "email", flip(false)]] },
      [{ topic: "newsletter", channel: "email", status: "withdrawn" }],
    ],
    [
      "ticking an opt_in topic grants it",
      baseline,
      { boxes: [[ADS, "email", flip(true)]] },
      [{ topic: "advertising", channel: "email", status: "granted" }],
    ],
    [
      "ticking a box already on (a stale form) writes nothing",
      states({ "*,*": "granted", "advertising,email": "granted" }),
      { boxes: [[ADS, "email", flip(true)]] },
      [],
    ],
    ["stopping everything is one withdrawal of (*,*)", baseline, { stopAll: flip(true) }, [{ topic: "*", channel: "*", status: "withdrawn" }]],
    [
      "stopping a channel is one withdrawal of (*,channel), whatever the boxes say",
      baseline,
      { stopEmail: flip(true), boxes: [[NEWS, "email", flip(false)]] },
      [
        { topic: "*", channel: "email", status: "withdrawn" },
        { topic: "newsletter", channel: "email", status: "withdrawn" },
      ],
    ],
    [
      "lifting a stop of everything that hid no grant clears (*,*): nothing comes back but what is ticked",
      states({ "*,*": "withdrawn" }),
      { stopAll: flip(false), boxes: [[NEWS, "email", flip(true)]] },
      [
        { topic: "*", channel: "*", status: "cleared" },
        { topic: "newsletter", channel: "email", status: "granted" },
      ],
    ],
    [
      "a box ticked while its channel stays stopped is granted underneath, and stays blocked",
      states({ "*,email": "withdrawn" }),
      { boxes: [[ADS, "email", flip(true)]] },
      [{ topic: "advertising", channel: "email", status: "granted" }],
    ],
    [
      "a switch turned off by a stale form that is already off writes nothing for it",
      baseline,
      { stopEmail: flip(false) },
      [],
    ],
    [
      "a topic withdrawn on every channel is lifted by (topic,*), and its other channels stay off",
      states({ "*,*": "granted", "newsletter,*": "withdrawn" }),
      { boxes: [[NEWS, "email", flip(true)]] },
      [
        { topic: "newsletter", channel: "*", status: "granted" },
        { topic: "newsletter", channel: "whatsapp", status: "withdrawn" },
        { topic: "newsletter", channel: "telegram", status: "withdrawn" },
      ],
    ],
  ])("%s", (_, current, changes, expected) => {
    expect(planPreferenceChanges(form(current, changes), current, noConfirmation)).toEqual(expected);
  });

  describe("stops keep the choices under them", () => {
    const stoppedOverBaseline = states({ "*,*": "withdrawn", "newsletter,email": "withdrawn" });
    const hidesBaseline: StoppedGrants = new Set(["*"]);

    it("shows, under a stop that hid a baseline grant, the boxes as they were", () => {
      expect(boxValue(UPDATES, "email", stoppedOverBaseline, hidesBaseline)).toBe(true);
      expect(boxValue(NEWS, "email", stoppedOverBaseline, hidesBaseline)).toBe(false);
      expect(boxValue(UPDATES, "email", stoppedOverBaseline)).toBe(false);
    });

    it("lifting it grants (*,*) again and writes nothing else", () => {
      const f = form(stoppedOverBaseline, { stopAll: flip(false) }, hidesBaseline);
      const events = planPreferenceChanges(f, stoppedOverBaseline, noConfirmation, hidesBaseline);
      expect(events).toEqual([{ topic: "*", channel: "*", status: "granted" }]);
      const after = apply(stoppedOverBaseline, events);
      expect(decideConsent(UPDATES, "email", after).allowed).toBe(true);
      expect(decideConsent(NEWS, "email", after).allowed).toBe(false);
    });

    it("a box unticked in the same save as the stop stays off once the stop is lifted", () => {
      const baselineOnly = states({ "*,*": "granted" });
      const stopping = planPreferenceChanges(form(baselineOnly, { stopAll: flip(true), boxes: [[NEWS, "email", flip(false)]] }), baselineOnly, noConfirmation);
      expect(stopping).toEqual([
        { topic: "*", channel: "*", status: "withdrawn" },
        { topic: "newsletter", channel: "email", status: "withdrawn" },
      ]);
      const stopped = apply(baselineOnly, stopping);
      const lifting = planPreferenceChanges(form(stopped, { stopAll: flip(false) }, hidesBaseline), stopped, noConfirmation, hidesBaseline);
      const after = apply(stopped, lifting);
      expect(decideConsent(NEWS, "email", after).allowed).toBe(false);
      expect(decideConsent(UPDATES, "email", after).allowed).toBe(true);
    });
  });

  it("leaves every box as the person left it after the plan is applied", () => {
    const cases: [ReturnType<typeof states>, Parameters<typeof form>[1]][] = [
      [states({ "*,*": "withdrawn" }), { stopAll: flip(false), boxes: [[ADS, "email", flip(true)]] }],
      [states({ "*,*": "granted", "newsletter,*": "withdrawn" }), { boxes: [[NEWS, "email", flip(true)], [UPDATES, "email", flip(false)]] }],
      [states({ "*,email": "withdrawn", "*,*": "granted" }), { stopEmail: flip(false), boxes: [[UPDATES, "email", flip(false)]] }],
    ];
    for (const [current, changes] of cases) {
      const f = form(current, changes);
      const after = apply(current, planPreferenceChanges(f, current, noConfirmation));
      for (const box of f.boxes) {
        const stopped = f.stopAll.now || f.stopChannel[box.channel]!.now;
        expect(boxValue(box.topic, box.channel, after), `${box.topic.key} box`).toBe(box.choice.now);
        expect(decideConsent(box.topic, box.channel, after).allowed, `${box.topic.key} sent`).toBe(box.choice.now && !stopped);
      }
    }
  });

  describe("with double opt-in for opt_in topics by email", () => {
    it("records a pending grant instead of a grant, so nothing is sent yet", () => {
      const events = planPreferenceChanges(form(baseline, { boxes: [[ADS, "email", flip(true)]] }), baseline, emailOptIn);
      expect(events).toEqual([{ topic: "advertising", channel: "email", status: "pending" }]);
      expect(decideConsent(ADS, "email", apply(baseline, events)).allowed).toBe(false);
    });

    it("keeps a lifted topic off on the channel that awaits confirmation", () => {
      const current = states({ "advertising,*": "withdrawn" });
      const events = planPreferenceChanges(form(current, { boxes: [[ADS, "email", flip(true)]] }), current, emailOptIn);
      expect(events[0]).toEqual({ topic: "advertising", channel: "*", status: "granted" });
      expect(events).toContainEqual({ topic: "advertising", channel: "email", status: "withdrawn" });
      expect(events.at(-1)).toEqual({ topic: "advertising", channel: "email", status: "pending" });
      const after = apply(current, events);
      for (const channel of ADS.channels) expect(decideConsent(ADS, channel, after).allowed, channel).toBe(false);
    });

    it("does not ask to confirm what is already on, nor opt_out topics", () => {
      const current = states({ "*,*": "granted", "advertising,email": "granted" });
      const f = form(current, { boxes: [[ADS, "email", flip(true)], [NEWS, "email", same(true)]] });
      expect(planPreferenceChanges(f, current, emailOptIn)).toEqual([]);
    });
  });
});
