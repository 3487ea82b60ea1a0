import { describe, expect, it } from "vitest";
import { Pacer } from "./pace";

describe("Pacer: the fan-out's pace to Resend", () => {
  it("spaces requests at the configured rate", async () => {
    const pacer = new Pacer(10);
    const began = Date.now();
    for (let i = 0; i < 4; i++) await pacer.turn();
    // The first goes at once, the next three 100 ms apart.
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    expect(Date.now() - began).toBeLessThan(1000);
  });

  it("waits as long as Resend's headers say when none remain, and as long as a 429 asks", async () => {
    const pacer = new Pacer(1000);
    await pacer.turn();
    pacer.note({ "ratelimit-limit": "2", "ratelimit-remaining": "0", "ratelimit-reset": "1" });
    let began = Date.now();
    await pacer.turn();
    expect(Date.now() - began).toBeGreaterThanOrEqual(950);
    pacer.note({ "ratelimit-remaining": "1", "ratelimit-reset": "1" });
    began = Date.now();
    await pacer.turn();
    expect(Date.now() - began).toBeLessThan(100);
    pacer.note(null, 300);
    began = Date.now();
    await pacer.turn();
    expect(Date.now() - began).toBeGreaterThanOrEqual(280);
  });
});
