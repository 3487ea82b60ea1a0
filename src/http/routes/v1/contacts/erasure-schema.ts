import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ErasureRecord } from "../../../../consent/types";
import { errorBody } from "../../../errors";
import { ErrorSchema } from "../../../schemas";

export const ErasureSchema = z
  .object({
    id: z.string().openapi({ example: "er_3k9x0c1d2e3f4g5h6j7k8m9n0p" }),
    contactId: z.string(),
    erasedAt: z.string(),
    apiKeyId: z.string().openapi({ description: 'The API key that erased the contact: its id, or "admin" for ADMIN_API_KEY' }),
    ledgerEvents: z.number().int().openapi({ description: "Ledger events kept, stripped of identifying evidence and language" }),
    addresses: z
      .array(z.enum(["email", "phone"]))
      .openapi({ description: "The addresses left behind only as keyed hashes in erased suppressions, so they stay blocked" }),
  })
  .openapi("Erasure");

export const GoneSchema = ErrorSchema.extend({ erasure: ErasureSchema.optional() }).openapi("Gone");

export const goneResponse = {
  description: "The contact was erased: the error, and the erasure record",
  content: { "application/json": { schema: GoneSchema } },
};

/** The 410 body for an erased contact: the one error shape, and the erasure record beside it. */
export function goneBody(c: Context, erasure: ErasureRecord | undefined) {
  return { ...errorBody(c, "gone", "This contact was erased; its personal data is gone."), ...(erasure ? { erasure } : {}) };
}
