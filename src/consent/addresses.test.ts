import { describe, expect, it } from "vitest";
import { normaliseEmail, normalisePhone } from "./addresses";

describe("normaliseEmail", () => {
  it.each([
    ["Aigul@Mail.KZ", "aigul@mail.kz"],
    ["  aigul.n@mail.kz \n", "aigul.n@mail.kz"],
    ["ÁSEL@mail.kz", "ásel@mail.kz"],
    ["A\u0301sel@mail.kz", "ásel@mail.kz"], // decomposed accent composes (NFC)
    ["teacher@мектеп.қаз", "teacher@xn--e1aaogsq.xn--80ao21a"],
    ["first+tag@sub.example.kz", "first+tag@sub.example.kz"],
    ["a@ｍａｉｌ.kz", "a@mail.kz"], // full-width letters, mapped by IDNA
  ])("%s -> %s", (input, expected) => expect(normaliseEmail(input)).toBe(expected));

  it.each(["", "plain", "@mail.kz", "a@", "a@b", "a b@mail.kz", "a@mail..kz", ".a@mail.kz", "a..b@mail.kz", "a@-x.kz", "a@1.2.3.4", "a@b.0x1", "a@example.kz.", "a@ex_ample.kz", "a@ｅｘａｍｐｌｅ．kz%", `${"x".repeat(65)}@mail.kz`])(
    "rejects %j",
    (input) => expect(normaliseEmail(input)).toBeUndefined(),
  );
});

describe("normalisePhone", () => {
  it.each([
    ["8 701 123 45 67", "+77011234567"],
    ["+7 701 123 45 67", "+77011234567"],
    ["+7 (701) 123-45-67", "+77011234567"],
    ["87011234567", "+77011234567"],
    ["7011234567", "+77011234567"],
    ["8 727 250 00 00", "+77272500000"],
    ["+49 151 23456789", "+4915123456789"],
  ])("%s -> %s", (input, expected) => expect(normalisePhone(input)).toBe(expected));

  it.each(["", "12345", "+7 701 123 45 6", "phone", "8 701 123 45 67 ext 5", "+".repeat(40)])("rejects %j", (input) =>
    expect(normalisePhone(input)).toBeUndefined(),
  );
});
