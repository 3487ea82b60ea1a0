import { describe, expect, it } from "vitest";
import { crockfordBase32, mailboxBase32 } from "./base32";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("base-32", () => {
  // RFC 4648 §10, without padding and in lower case.
  it.each([
    ["f", "my"],
    ["fo", "mzxq"],
    ["foo", "mzxw6"],
    ["foob", "mzxw6yq"],
    ["fooba", "mzxw6ytb"],
    ["foobar", "mzxw6ytboi"],
  ])("encodes %j as RFC 4648 does: %s", (text, encoded) => {
    expect(mailboxBase32.encode(bytes(text))).toBe(encoded);
    expect(mailboxBase32.decode(encoded)).toEqual(bytes(text));
  });

  it("round-trips random bytes of every length up to 45", () => {
    for (let length = 0; length <= 45; length++) {
      const data = crypto.getRandomValues(new Uint8Array(length));
      for (const codec of [mailboxBase32, crockfordBase32]) expect(codec.decode(codec.encode(data))).toEqual(data);
    }
  });

  it("reads our ids: 16 Crockford characters are 10 bytes", () => {
    const decoded = crockfordBase32.decode("0123456789abcdef")!;
    expect(decoded).toHaveLength(10);
    expect(crockfordBase32.encode(decoded)).toBe("0123456789abcdef");
  });

  it.each(["MZXW6", "mzxw1", "mzx w6", "mz", "mya", "mzxw6ytboia"])("refuses %j (a letter outside the alphabet, stray bits, or a character too many)", (text) => {
    expect(mailboxBase32.decode(text)).toBeUndefined();
  });
});
