import { describe, expect, it } from "vitest";
import { batchLimitForRate, createPacer } from "../../../src/replay/pacing.js";
import { fakeClock } from "./fakes.js";

describe("createPacer", () => {
  it("spaces sends so the average matches the rate", async () => {
    const clock = fakeClock();
    const pacer = createPacer(100, clock);
    const start = clock.now();
    for (let i = 0; i < 5; i++) await pacer.beforeSend(25);
    // The fifth send of 25 is due after 100 records at 100 records/s.
    expect(clock.now() - start).toBe(1000);
    expect(clock.sleeps).toEqual([250, 250, 250, 250]);
  });

  it("does not wait when sends are already slower than the rate", async () => {
    const clock = fakeClock();
    const pacer = createPacer(1000, clock);
    await pacer.beforeSend(10);
    await clock.sleep(50);
    await pacer.beforeSend(10);
    expect(clock.sleeps).toEqual([50]);
  });

  it("never waits without a rate", async () => {
    const clock = fakeClock();
    const pacer = createPacer(undefined, clock);
    for (let i = 0; i < 3; i++) await pacer.beforeSend(500);
    expect(clock.sleeps).toEqual([]);
  });
});

describe("batchLimitForRate", () => {
  it("keeps 500 without a rate and about four sends a second with one", () => {
    expect(batchLimitForRate(undefined)).toBe(500);
    expect(batchLimitForRate(100)).toBe(25);
    expect(batchLimitForRate(1)).toBe(1);
    expect(batchLimitForRate(1_000_000)).toBe(500);
  });
});
