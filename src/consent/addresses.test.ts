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
    ["aigul@mail\uff0ekz", "aigul@mail.kz"], // IDNA's other dots separate labels too
    ["aigul@mail\u3002kz", "aigul@mail.kz"],
    ["aigul@sub\uff61mail\uff0ekz", "aigul@sub.mail.kz"],
    ["teacher@мектеп\uff0eқаз", "teacher@xn--e1aaogsq.xn--80ao21a"],
    ["\taigul@mail.kz\r\n", "aigul@mail.kz"], // line ends around a pasted address are trimmed
  ])("%s -> %s", (input, expected) => expect(normaliseEmail(input)).toBe(expected));

  it.each(["", "plain", "@mail.kz", "a@", "a@b", "a b@mail.kz", "a@mail..kz", ".a@mail.kz", "a..b@mail.kz", "a@-x.kz", "a@1.2.3.4", "a@b.0x1", "a@example.kz.", "a@ex_ample.kz", "a@ｅｘａｍｐｌｅ．kz%", `${"x".repeat(65)}@mail.kz`])(
    "rejects %j",
    (input) => expect(normaliseEmail(input)).toBeUndefined(),
  );
});

describe("normaliseEmail and invisible characters", () => {
  const invisible = {
    NUL: "\u0000",
    BEL: "\u0007",
    ESC: "\u001b",
    DEL: "\u007f",
    "C1 NEL": "\u0085",
    "C1 CSI": "\u009b",
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "left-to-right mark": "\u200e",
    "right-to-left override": "\u202e",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad",
    BOM: "\ufeff",
    "interlinear annotation": "\ufff9",
    "tag character": "\u{e0041}",
  };
  it.each(Object.entries(invisible))("refuses %s in the local part, in the domain, or at either end", (_, char) => {
    for (const email of [`ai${char}gul@mail.kz`, `aigul@ma${char}il.kz`, `aigul@mail.kz${char}`, `${char}aigul@mail.kz`]) {
      expect(normaliseEmail(email), JSON.stringify(email)).toBeUndefined();
    }
  });

  it("refuses a full-width dot with nothing between it and another dot", () => {
    expect(normaliseEmail("aigul@mail\uff0e.kz")).toBeUndefined();
  });
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
