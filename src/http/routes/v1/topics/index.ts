import { createRoute, z } from "@hono/zod-openapi";
import { CHANNELS } from "../../../../consent/channels";
import { CLAUSES, TOPICS } from "../../../../consent/catalog";
import { requireScope } from "../../../auth";
import { createRouter, bearerAuth } from "../../../router";
import { errorResponses, jsonResponse } from "../../../schemas";

const LocalizedSchema = z.object({ kk: z.string(), ru: z.string(), en: z.string() });

const TopicSchema = z
  .object({
    key: z.string(),
    clause: z.enum(CLAUSES),
    consent: z.enum(["opt_in", "opt_out"]),
    partner: z.boolean(),
    channels: z.array(z.enum(CHANNELS)),
    lifespanMonths: z.number().int().nullable().openapi({ description: "How long a grant holds, in calendar months from when it occurred; null: until withdrawn" }),
    digest: z.boolean().openapi({ description: "The topic has a digest campaign: a person may choose \"digest only\", and a send check may say `digest: true`" }),
    title: LocalizedSchema,
    description: LocalizedSchema,
  })
  .openapi("Topic");

const route = createRoute({
  method: "get",
  path: "/topics",
  operationId: "listTopics",
  summary: "The topic catalog",
  security: bearerAuth,
  middleware: requireScope("topics:read"),
  responses: {
    200: jsonResponse("Every topic", z.object({ topics: z.array(TopicSchema) })),
    ...errorResponses(401, 403),
  },
});

export const topicRoutes = createRouter().openapi(route, (c) =>
  c.json({
    topics: TOPICS.map(({ key, clause, consent, partner, channels, lifespanMonths, digest, title, description }) => ({
      key,
      clause,
      consent,
      partner,
      channels: [...channels],
      lifespanMonths: lifespanMonths ?? null,
      digest,
      title,
      description,
    })),
  }, 200),
);
