import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DOCUMENTED_EMAIL, DOCUMENTED_PHONE, EmailField, PhoneField } from "./fields";

// The document's patterns promise acceptance: whatever matches them, the fields take.
describe("the addresses the document promises", () => {
  it.each([
    ["email", DOCUMENTED_EMAIL, EmailField],
    ["phone", DOCUMENTED_PHONE, PhoneField],
  ] as const)("every %s matching the documented pattern is accepted", (_, pattern, field) => {
    fc.assert(
      fc.property(fc.stringMatching(new RegExp(pattern)), (text) => {
        expect(field.safeParse(text).success, text).toBe(true);
      }),
      { numRuns: 2_000, seed: 20_261_130 },
    );
  });

  it("the patterns are not empty promises: the examples match, and refused text does not", () => {
    expect(new RegExp(DOCUMENTED_EMAIL).test("aigul.n@mail.kz")).toBe(true);
    expect(new RegExp(DOCUMENTED_PHONE).test("+7 701 123 45 67")).toBe(true);
    expect(new RegExp(DOCUMENTED_PHONE).test("87011234567")).toBe(true);
    for (const refused of ["a..b@mail.kz", ".a@mail.kz", "a@-x.kz", "a@1.2.3.4", "a@b"]) {
      expect(EmailField.safeParse(refused).success, refused).toBe(false);
      expect(new RegExp(DOCUMENTED_EMAIL).test(refused), refused).toBe(false);
    }
    for (const refused of ["123", "+7 701 123 45", "8 701 123 45 678"]) {
      expect(PhoneField.safeParse(refused).success, refused).toBe(false);
      expect(new RegExp(DOCUMENTED_PHONE).test(refused), refused).toBe(false);
    }
  });
});
