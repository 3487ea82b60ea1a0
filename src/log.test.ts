import { describe, expect, it } from "vitest";
import { describeError } from "./log";

describe("describeError: no address reaches a log line", () => {
  it.each([
    ['duplicate key value violates unique constraint "contacts_email_key" Key (email)=(a.teacher@mail.kz) already exists', "a.teacher@mail.kz"],
    ['invalid input syntax for type integer: "+77015472470"', "+77015472470"],
    ["failed for a.teacher@mail.kz on retry", "a.teacher@mail.kz"],
    ["no contact with phone +7 701 547 24 70", "701 547 24 70"],
    ["value 'secret-ish' refused", "secret-ish"],
  ])("%s", (message, hidden) => {
    const line = describeError(new Error(message));
    expect(line).not.toContain(hidden);
    expect(line).toMatch(/^Error: /);
  });

  it("keeps what says what went wrong", () => {
    expect(describeError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(
      'TypeError: Cannot read properties of undefined (reading "…")',
    );
    expect(describeError(new Error("consent_events is append-only"))).toBe("Error: consent_events is append-only");
    expect(describeError("D1_ERROR: timeout after 30000 ms")).toBe("D1_ERROR: timeout after 30000 ms");
  });
});

describe("describeError: the service's own errors keep their examples", () => {
  it("keeps a ConfigError's quoted example, still hiding an address", () => {
    const error = Object.assign(new Error('QUIET_HOURS must look like "21:00-09:00", not a@b.kz'), { name: "ConfigError" });
    expect(describeError(error)).toBe('ConfigError: QUIET_HOURS must look like "21:00-09:00", not [address]');
  });
});
