import { createRoute, z } from "@hono/zod-openapi";
import { requireScope } from "../../../auth";
import { ApiError } from "../../../errors";
import { bearerAuth, createRouter } from "../../../router";
import { errorResponses, jsonResponse } from "../../../schemas";
import { SendCheckRecordSchema } from "./schema";

const IdField = z.string().min(1).max(64).openapi({ example: "sc_3k9x0c1d2e3f4g5h" });
/** The list's filter and page; the console's list reads the same (src/http/routes/console/send-checks.tsx). */
export const SendCheckListQuery = z.object({
  campaign: z.string().trim().min(1).max(200).optional().openapi({ description: "Only the checks made for this campaign" }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: IdField.optional().openapi({ description: "nextCursor from the previous page" }),
});

const read = { security: bearerAuth, middleware: requireScope("send-checks:read") };

const listRoute = createRoute({
  method: "get",
  path: "/send-checks",
  operationId: "listSendChecks",
  summary: "Past send checks, newest first, optionally of one campaign: who checked what, when, with counts per reason",
  ...read,
  request: {
    query: SendCheckListQuery,
  },
  responses: {
    200: jsonResponse(
      "One page of send checks",
      z.object({ sendChecks: z.array(SendCheckRecordSchema), nextCursor: z.string().nullable() }).openapi("SendCheckPage"),
    ),
    ...errorResponses(400, 401, 403),
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/send-checks/{id}",
  operationId: "getSendCheck",
  summary: "One past send check, with its counts per reason",
  ...read,
  request: { params: z.object({ id: IdField.openapi({ param: { name: "id", in: "path" } }) }) },
  responses: { 200: jsonResponse("The send check", SendCheckRecordSchema), ...errorResponses(400, 401, 403, 404) },
});

/** Single reads: straight to the store, shaped explicitly. */
export const sendCheckRecordRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const { campaign, limit, cursor } = c.req.valid("query");
    const page = await c.var.store.listSendChecks({ campaign, after: cursor, limit: limit + 1 });
    const sendChecks = page.slice(0, limit).map((record) => SendCheckRecordSchema.parse(record));
    return c.json({ sendChecks, nextCursor: page.length > limit ? sendChecks.at(-1)!.id : null }, 200);
  })
  .openapi(getRoute, async (c) => {
    const record = await c.var.store.getSendCheck(c.req.valid("param").id);
    if (!record) throw new ApiError("not_found", "No such send check.");
    return c.json(SendCheckRecordSchema.parse(record), 200);
  });
