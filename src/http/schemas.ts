import { z } from "@hono/zod-openapi";
import { ERROR_STATUS } from "./errors";

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS]),
      message: z.string(),
      requestId: z.string(),
      issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
    }),
  })
  .openapi("Error");

const descriptions: Record<number, string> = {
  400: "Invalid input; `issues` lists the fields",
  401: "No valid API key",
  403: "The key lacks the scope",
  404: "Not found",
  409: "Conflicts with existing data",
  413: "Body too large",
  415: "Body is not application/json (imports: NDJSON or CSV)",
};

/** What any operation may answer, whatever it does: too many requests, our fault, a setting to fix. */
const ALWAYS = {
  405: { description: "A known path asked with another method; `Allow` lists the ones it takes", headers: { Allow: { schema: { type: "string" } } } },
  429: {
    description: "Too many requests for this API key; ask again after `Retry-After` seconds",
    headers: { "Retry-After": { schema: { type: "integer" } } },
  },
  500: { description: "Something went wrong on our side; nothing was written" },
  503: { description: "The service is not configured correctly (`service_misconfigured` names the setting); nothing was written" },
} as const;

/** The error responses a route documents, all with the one error body, and the ones every route may give. */
export function errorResponses(...statuses: (keyof typeof descriptions)[]) {
  const body = { content: { "application/json": { schema: ErrorSchema } } };
  return Object.fromEntries([
    ...statuses.map((status) => [status, { description: descriptions[status]!, ...body }]),
    ...Object.entries(ALWAYS).map(([status, response]) => [status, { ...response, ...body }]),
  ]);
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { "application/json": { schema } } };
}

export function jsonResponse<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { "application/json": { schema } } };
}
