import { createRoute } from "@hono/zod-openapi";
import type { FrequencyCap } from "../../../../consent/frequency-caps";
import { setFrequencyCaps } from "../../../../flows/frequency-caps";
import { requireScope } from "../../../auth";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonBody, jsonResponse } from "../../../schemas";
import { FrequencyCapsSchema } from "./schema";

const manage = { security: bearerAuth, middleware: requireScope("frequency-caps:manage") };

const getRoute = createRoute({
  method: "get",
  path: "/frequency-caps",
  operationId: "getFrequencyCaps",
  summary: "The frequency caps every send check applies: at most N messages per channel (and topic) per period",
  ...manage,
  responses: { 200: jsonResponse("Every cap, by channel", FrequencyCapsSchema), ...errorResponses(401, 403) },
});

const putRoute = createRoute({
  method: "put",
  path: "/frequency-caps",
  operationId: "replaceFrequencyCaps",
  summary: "Replace the whole set of frequency caps (an empty list removes them all)",
  ...manage,
  request: { body: jsonBody(FrequencyCapsSchema) },
  responses: { 200: jsonResponse("The caps now in force", FrequencyCapsSchema), ...errorResponses(400, 401, 403, 413, 415) },
});

/** As the API shows a cap: no topic for "every topic". */
const shown = (caps: FrequencyCap[]) => ({ caps: caps.map(({ topic, ...cap }) => (topic === null ? cap : { ...cap, topic })) });

export const frequencyCapRoutes = createRouter()
  .openapi(getRoute, async (c) => c.json(shown(await c.var.store.listFrequencyCaps()), 200))
  .openapi(putRoute, async (c) => {
    const caps = c.req.valid("json").caps.map((cap) => ({ ...cap, topic: cap.topic ?? null }));
    return c.json(shown(await setFrequencyCaps(c.var.services, caps, c.var.principal.keyId)), 200);
  });
