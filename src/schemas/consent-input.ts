import { z } from "@hono/zod-openapi";
import { ALL, CHANNELS } from "../consent/channels";
import { findTopic, TOPIC_KEYS } from "../consent/catalog";
import { CALLER_SOURCES, CONSENT_STATUSES } from "../consent/sources";
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

export const ConsentInputSchema = z.object(CONSENT_FIELDS).strict().superRefine(checkTopicChannel).openapi("ConsentInput");

