import { newId } from "../../ids";
import type { DevOutbox } from "../types";
import type { Database } from "./database";

// Twin of src/store/d1/outbox.ts, in Prisma's model API.

const MESSAGE = { id: true, to: true, subject: true, html: true, text: true, createdAt: true } as const;

export function pgOutbox(db: Database): DevOutbox {
  return {
    // Once per key: a second message with a known key keeps the first, and answers its id.
    keep: ({ to, subject, html, text }, idempotencyKey) =>
      db.model.devOutbox.upsert({
        where: { idempotencyKey },
        create: { id: newId("mail"), idempotencyKey, to, subject, html, text, createdAt: new Date().toISOString() },
        update: {},
        select: { id: true },
      }),
    list: (limit) => db.model.devOutbox.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit, select: MESSAGE }),
    find: async (id) => (await db.model.devOutbox.findUnique({ where: { id }, select: MESSAGE })) ?? undefined,
  };
}
