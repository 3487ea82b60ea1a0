import { describe, expect, it } from "vitest";
import { CHANNEL_CODES, CHANNELS } from "../consent/channels";
import { TOPICS } from "../consent/catalog";
import { parseKeyRing, type KeyRing } from "./key-ring";
import { decodeFromMailbox, decodeFromUrl, encodeForMailbox, encodeForUrl, isExpired, signLink, verifyLink, type LinkClaims } from "./link-token";

function ring(text: string): KeyRing {
  const parsed = parseKeyRing(text);
  if ("problems" in parsed) throw new Error(parsed.problems.join("; "));
  return parsed;
}

const SECRET_A = "a".repeat(32);
const SECRET_B = "b".repeat(32);
const CONTACT = "ct_0123456789abcdef";
const CHECK = "sc_vwxyz0123456789a";
const claims: LinkClaims = { kind: "unsubscribe", contactId: CONTACT, topic: "newsletter", channel: "email", sendCheckId: CHECK };

describe("signed link tokens", () => {
  it("round-trips every topic and channel, and '*' for either, with and without a campaign reference", async () => {
    const keys = ring(`7:${SECRET_A}`);
    for (const topic of [...TOPICS.map((t) => t.key), "*"]) {
      for (const channel of [...CHANNELS, "*" as const]) {
        for (const sendCheckId of [CHECK, undefined]) {
          const signed = await signLink(keys, { kind: "unsubscribe", contactId: CONTACT, topic, channel, sendCheckId });
          const verified = await verifyLink(keys, decodeFromUrl(encodeForUrl(signed))!, "unsubscribe");
          expect(verified).toEqual({ kind: "unsubscribe", contactId: CONTACT, topic, channel, keyId: 7, ...(sendCheckId && { sendCheckId }) });
        }
      }
    }
  });

  it("is 54 URL characters with a campaign reference and 40 without", async () => {
    const keys = ring(`1:${SECRET_A}`);
    expect(encodeForUrl(await signLink(keys, claims))).toMatch(/^[A-Za-z0-9_-]{54}$/);
    expect(encodeForUrl(await signLink(keys, { ...claims, sendCheckId: undefined }))).toMatch(/^[A-Za-z0-9_-]{40}$/);
  });

  it("has a short form for SMS: 32 characters, no campaign reference, an 80-bit MAC, read by the same kind", async () => {
    const keys = ring(`1:${SECRET_A}`);
    const short: LinkClaims = { kind: "unsubscribe", contactId: CONTACT, topic: "newsletter", channel: "sms", short: true };
    const signed = await signLink(keys, short);
    expect(signed.length).toBe(24);
    expect(encodeForUrl(signed)).toHaveLength(32);
    expect(await verifyLink(keys, decodeFromUrl(encodeForUrl(signed))!, "unsubscribe")).toEqual({ ...short, keyId: 1 });
    for (const kind of ["preferences", "confirm", "undo"] as const) expect(await verifyLink(keys, signed, kind)).toBeUndefined();
    await expect(signLink(keys, { ...short, sendCheckId: CHECK })).rejects.toThrow(/short form/);
    await expect(signLink(keys, { kind: "preferences", contactId: CONTACT, topic: "*", channel: "*", expiresAt: new Date(), short: true })).rejects.toThrow(/short form/);
  });

  it("refuses a short token with any bit changed, and a full token cut down or relabelled as a short one", async () => {
    const keys = ring(`1:${SECRET_A}`);
    const signed = await signLink(keys, { kind: "unsubscribe", contactId: CONTACT, topic: "newsletter", channel: "sms", short: true });
    for (let i = 0; i < signed.length; i++) {
      const tampered = signed.slice();
      tampered[i]! ^= 0x01;
      expect(await verifyLink(keys, tampered, "unsubscribe"), `byte ${i}`).toBeUndefined();
    }
    const full = await signLink(keys, { kind: "unsubscribe", contactId: CONTACT, topic: "newsletter", channel: "sms" });
    const relabelled = full.slice(0, 24);
    relabelled[0] = 0x15;
    expect(await verifyLink(keys, relabelled, "unsubscribe")).toBeUndefined();
    expect(await verifyLink(keys, full.slice(0, 24), "unsubscribe")).toBeUndefined();
    expect(await verifyLink(ring(`1:${SECRET_B}`), signed, "unsubscribe")).toBeUndefined();
  });

  it("has a mailbox form of at most 64 lower-case characters that survives case folding", async () => {
    const keys = ring(`1:${SECRET_A}`);
    const mailbox = encodeForMailbox(await signLink(keys, claims));
    expect(mailbox.length).toBeLessThanOrEqual(64);
    expect(mailbox).toMatch(/^[a-z2-7]+$/);
    expect(await verifyLink(keys, decodeFromMailbox(mailbox.toUpperCase())!, "unsubscribe")).toMatchObject(claims);
  });

  it("rejects a token with any bit of any byte changed", async () => {
    const keys = ring(`1:${SECRET_A}`);
    const signed = await signLink(keys, claims);
    for (let i = 0; i < signed.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const tampered = signed.slice();
        tampered[i]! ^= bit;
        expect(await verifyLink(keys, tampered, "unsubscribe"), `byte ${i} bit ${bit}`).toBeUndefined();
      }
    }
  });

  it("rejects a truncated or lengthened token", async () => {
    const keys = ring(`1:${SECRET_A}`);
    const signed = await signLink(keys, claims);
    expect(await verifyLink(keys, signed.slice(0, -1), "unsubscribe")).toBeUndefined();
    expect(await verifyLink(keys, new Uint8Array([...signed, 0]), "unsubscribe")).toBeUndefined();
    expect(await verifyLink(keys, new Uint8Array(0), "unsubscribe")).toBeUndefined();
  });

  it("signs with the first key, verifies with every key, and refuses keys taken off the ring", async () => {
    const old = await signLink(ring(`1:${SECRET_A}`), claims);
    const rotated = ring(`2:${SECRET_B},1:${SECRET_A}`);
    const fresh = await signLink(rotated, claims);
    expect(fresh[1]).toBe(2);
    expect(await verifyLink(rotated, old, "unsubscribe")).toMatchObject({ keyId: 1 });
    expect(await verifyLink(rotated, fresh, "unsubscribe")).toMatchObject({ keyId: 2 });
    const retired = ring(`2:${SECRET_B}`);
    expect(await verifyLink(retired, old, "unsubscribe")).toBeUndefined();
    // A key with the same id but another secret (another deployment's ring) verifies nothing.
    expect(await verifyLink(ring(`1:${SECRET_B}`), old, "unsubscribe")).toBeUndefined();
  });

  it.each(["", "abc", "!!!!", "A".repeat(65), "AR" + "_".repeat(52)])("decodes %j to nothing usable", async (text) => {
    const bytes = decodeFromUrl(text);
    expect(bytes === undefined || (await verifyLink(ring(`1:${SECRET_A}`), bytes, "unsubscribe")) === undefined).toBe(true);
  });

  it("reads a token only in the spelling it was written in", async () => {
    const keys = ring(`1:${SECRET_A}`);
    const confirm: LinkClaims = { kind: "confirm", contactId: CONTACT, topic: "newsletter", channel: "email", eventId: "ce_0123456789abcdef", expiresAt: new Date("2026-12-28T10:00:00Z") };
    // 40, 34 and 44 bytes: the last URL character has 4, 4 and 2 unused bits.
    for (const link of [claims, { kind: "preferences", contactId: CONTACT, topic: "*", channel: "*", expiresAt: new Date("2026-12-28T10:00:00Z") } as LinkClaims, confirm]) {
      const text = encodeForUrl(await signLink(keys, link));
      expect(siblings(text).length, link.kind).toBeGreaterThan(0);
      for (const sibling of siblings(text)) expect(decodeFromUrl(sibling), `${link.kind} ${sibling}`).toBeUndefined();
      expect(decodeFromUrl(text)).toBeDefined();
    }
    const mailbox = encodeForMailbox(await signLink(keys, { ...claims, sendCheckId: undefined }));
    expect(decodeFromMailbox(mailbox)).toBeDefined();
    expect(decodeFromMailbox(`${mailbox}a`)).toBeUndefined();
  });

  it("refuses to sign ids that are not ours or topics that do not exist", async () => {
    const keys = ring(`1:${SECRET_A}`);
    await expect(signLink(keys, { ...claims, contactId: "ct_short" })).rejects.toThrow();
    await expect(signLink(keys, { ...claims, sendCheckId: "ct_0123456789abcdef" })).rejects.toThrow();
    await expect(signLink(keys, { ...claims, topic: "no_such_topic" })).rejects.toThrow();
  });

  it("gives topics and channels distinct, fixed one-byte codes", () => {
    const topicCodes = TOPICS.map((t) => t.code);
    const channelCodes = Object.values(CHANNEL_CODES);
    for (const codes of [topicCodes, channelCodes]) {
      expect(new Set(codes).size).toBe(codes.length);
      expect(codes.every((code) => Number.isInteger(code) && code >= 1 && code <= 255)).toBe(true);
    }
  });
});

describe("preference and confirmation links", () => {
  const expiresAt = new Date("2026-12-28T10:00:00Z");
  const preferences: LinkClaims = { kind: "preferences", contactId: CONTACT, topic: "*", channel: "*", expiresAt };
  const confirm: LinkClaims = { kind: "confirm", contactId: CONTACT, topic: "newsletter", channel: "email", eventId: "ce_0123456789abcdef", expiresAt };

  it("round-trip with their expiry (to the second) and the event they confirm", async () => {
    const keys = ring(`1:${SECRET_A}`);
    for (const link of [preferences, confirm]) {
      const token = encodeForUrl(await signLink(keys, link));
      expect(token.length).toBeLessThanOrEqual(64);
      expect(await verifyLink(keys, decodeFromUrl(token)!, link.kind)).toEqual({ ...link, keyId: 1 });
    }
  });

  it("expire at their expiry, not a second later", async () => {
    const verified = (await verifyLink(ring(`1:${SECRET_A}`), await signLink(ring(`1:${SECRET_A}`), preferences), "preferences"))!;
    expect(isExpired(verified, new Date(expiresAt.getTime() - 1000))).toBe(false);
    expect(isExpired(verified, expiresAt)).toBe(true);
    expect(isExpired({ ...claims }, new Date("2100-01-01"))).toBe(false);
  });

  it("are not accepted as another kind, nor another kind as them", async () => {
    const keys = ring(`1:${SECRET_A}`);
    const tokens = {
      unsubscribe: await signLink(keys, claims),
      preferences: await signLink(keys, preferences),
      confirm: await signLink(keys, confirm),
    };
    for (const [made, token] of Object.entries(tokens)) {
      for (const asked of ["unsubscribe", "preferences", "confirm"] as const) {
        const verified = await verifyLink(keys, token, asked);
        expect(verified === undefined, `${made} read as ${asked}`).toBe(made !== asked);
      }
    }
  });

  it("rejects any changed bit, so nobody can extend a link's life", async () => {
    const keys = ring(`1:${SECRET_A}`);
    const signed = await signLink(keys, confirm);
    for (let i = 0; i < signed.length; i++) {
      const tampered = signed.slice();
      tampered[i]! ^= 0x01;
      expect(await verifyLink(keys, tampered, "confirm"), `byte ${i}`).toBeUndefined();
    }
  });

  it("cannot be made without what their kind needs", async () => {
    const keys = ring(`1:${SECRET_A}`);
    await expect(signLink(keys, { ...preferences, expiresAt: undefined })).rejects.toThrow(/expiry/);
    await expect(signLink(keys, { ...confirm, eventId: undefined })).rejects.toThrow(/event id/);
    await expect(signLink(keys, { ...confirm, eventId: "ct_0123456789abcdef" })).rejects.toThrow();
  });
});

describe("the key ring", () => {
  it.each([
    ["", "at least one key is required"],
    ["x:" + SECRET_A, "each key must look like"],
    ["0:" + SECRET_A, "each key must look like"],
    ["256:" + SECRET_A, "each key must look like"],
    [`1:${SECRET_A},1:${SECRET_B}`, "key 1 appears twice"],
    ["1:short", "shorter than 32"],
  ])("refuses %j", (text, problem) => {
    const parsed = parseKeyRing(text);
    expect("problems" in parsed && parsed.problems.join("; ")).toContain(problem);
  });
});

const URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The other base64url strings that a lenient decoder reads as the same bytes: the last character with its unused bits set. */
function siblings(text: string): string[] {
  const unusedBits = { 2: 4, 3: 2 }[text.length % 4] ?? 0;
  const last = URL_ALPHABET.indexOf(text.at(-1)!);
  return Array.from({ length: (1 << unusedBits) - 1 }, (_, i) => text.slice(0, -1) + URL_ALPHABET[last | (i + 1)]);
}
