import { z } from "@hono/zod-openapi";
import { ALL, CHANNELS } from "../consent/channels";
import { findTopic, TOPIC_KEYS } from "../consent/catalog";
import { CALLER_SOURCES, CALLER_STATUSES, CONSENT_STATUSES } from "../consent/sources";
import { InstantField, PolicyVersionField } from "./fields";

/**
 * A consent as callers give it: in POST /v1/contacts and in every row of an import
 * (src/import/rows.ts), validated by the same schema in both.
 */

/** Clocks differ: an occurrence up to this far in the future is accepted as "now". */
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_EVIDENCE_KEYS = 20;

const EvidenceSchema = z
  .record(z.string().min(1).max(64), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]))
  .refine((evidence) => Object.keys(evidence).length <= MAX_EVIDENCE_KEYS, `at most ${MAX_EVIDENCE_KEYS} keys`)
  .openapi({ example: { ip: "203.0.113.7", userAgent: "Mozilla/5.0 …", formUrl: "https://orleu.edu.kz/register" } });

export const OccurredAtField = InstantField.refine((at) => Date.parse(at) <= Date.now() + CLOCK_SKEW_MS, "is in the future");

/** A consent's fields; an import row requires occurredAt and restricts source. */
export const CONSENT_FIELDS = {
  topic: z.enum([...TOPIC_KEYS, ALL], { error: "unknown topic (GET /v1/topics lists them)" }),
  channel: z.enum([...CHANNELS, ALL]),
  status: z.enum(CONSENT_STATUSES),
  source: z.enum(CALLER_SOURCES),
  occurredAt: OccurredAtField.optional(),
  policyVersion: PolicyVersionField.optional(),
  evidence: EvidenceSchema.optional(),
};

export function checkTopicChannel(consent: { topic: string; channel: string }, ctx: z.RefinementCtx) {
  const topic = findTopic(consent.topic);
  if (topic && consent.channel !== ALL && !topic.channels.includes(consent.channel as never)) {
    ctx.addIssue({ code: "custom", path: ["channel"], message: `topic ${topic.key} is not sent by ${consent.channel}` });
  }
}

/** How far ahead a pause may end: a year, so that no pause quietly becomes a stop. */
export const MAX_PAUSE_MS = 366 * 86_400_000;
/** A pause must end at least this far ahead: it is then still ahead when the ledger records it. */
const MIN_PAUSE_MS = 60_000;

/** A pause's end, or "less often" on a topic without a digest: the rules the enum alone cannot say. */
export function checkCadence(consent: { topic: string; status: string; until?: string }, ctx: z.RefinementCtx) {
  if (consent.status === "paused") {
    const until = consent.until === undefined ? NaN : Date.parse(consent.until);
    if (consent.until === undefined) ctx.addIssue({ code: "custom", path: ["until"], message: "a pause needs its end (until)" });
    else if (Number.isNaN(until)) return; // not a time: the field's own check says so
    else if (!(until >= Date.now() + MIN_PAUSE_MS)) ctx.addIssue({ code: "custom", path: ["until"], message: "must be in the future (a minute ahead at least)" });
    else if (until > Date.now() + MAX_PAUSE_MS) ctx.addIssue({ code: "custom", path: ["until"], message: "a pause lasts at most a year" });
  } else if (consent.until !== undefined) {
    ctx.addIssue({ code: "custom", path: ["until"], message: "only a pause (status paused) has an end" });
  }
  if ((consent.status === "digest" || consent.status === "digest_off") && !findTopic(consent.topic)?.digest) {
    ctx.addIssue({ code: "custom", path: ["topic"], message: `topic ${consent.topic} has no digest (GET /v1/topics: digest)` });
  }
}

/** The API's consent: every caller status, a pause with its end (an import takes grants and withdrawals only). */
export const ConsentInputSchema = z
  .object({
    ...CONSENT_FIELDS,
    status: z.enum(CALLER_STATUSES).openapi({
      description:
        "granted, withdrawn; or \"less often\", which changes no consent: paused (with until) holds every send of the scope until then, resumed ends a pause of the same scope early (a grant of it does too), digest keeps a topic with a digest to its digest campaigns, digest_off ends that",
    }),
    until: InstantField.optional().openapi({ description: "With status paused (only): when the pause ends, in the future and at most a year ahead" }),
  })
  .strict()
  .superRefine(checkTopicChannel)
  .superRefine(checkCadence)
  .openapi("ConsentInput");

