import { z } from "@hono/zod-openapi";
import { findTopic, TOPIC_KEYS } from "../../../../consent/catalog";
import { CHANNELS } from "../../../../consent/channels";
import { CAP_PERIODS } from "../../../../consent/frequency-caps";

/** Every (channel, topic) pair and every channel alone fit, with room for the catalog to grow. */
export const MAX_CAPS = 100;
/** More than this in a period is no cap at all. */
const MAX_MESSAGES = 10_000;

const CapSchema = z
  .object({
    channel: z.enum(CHANNELS),
    topic: z
      .enum(TOPIC_KEYS, { error: "unknown topic (GET /v1/topics lists them)" })
      .optional()
      .openapi({ description: "Only this topic's messages; without it, every topic's on the channel" }),
    max: z.number().int().min(1).max(MAX_MESSAGES).openapi({ description: "At most this many messages per period" }),
    period: z.enum(CAP_PERIODS).openapi({ description: "A rolling window ending at the send time: 24 hours, 7 days or 30 days" }),
  })
  .strict()
  .openapi("FrequencyCap", { example: { channel: "sms", max: 2, period: "week" } });

const EXAMPLE = {
  caps: [
    { channel: "sms", max: 2, period: "week" },
    { channel: "email", max: 8, period: "month" },
    { channel: "email", topic: "advertising", max: 2, period: "week" },
  ],
};

/** The whole set, as PUT takes it and GET answers it. */
export const FrequencyCapsSchema = z
  .object({ caps: z.array(CapSchema).max(MAX_CAPS) })
  .strict()
  .superRefine(({ caps }, ctx) => {
    const seen = new Map<string, number>();
    caps.forEach((cap, i) => {
      const pair = `${cap.channel} ${cap.topic ?? "*"}`;
      const first = seen.get(pair);
      if (first !== undefined) {
        ctx.addIssue({ code: "custom", path: ["caps", i], message: `caps[${first}] already caps ${cap.channel}${cap.topic ? ` for ${cap.topic}` : ""}` });
      } else seen.set(pair, i);
      const topic = cap.topic === undefined ? undefined : findTopic(cap.topic);
      if (topic && !topic.channels.includes(cap.channel)) {
        ctx.addIssue({ code: "custom", path: ["caps", i, "topic"], message: `topic ${topic.key} is not sent by ${cap.channel}` });
      }
    });
  })
  .openapi("FrequencyCaps", { example: EXAMPLE });
