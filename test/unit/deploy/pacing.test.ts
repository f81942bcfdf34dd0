import { describe, expect, it } from "vitest";
import { createShardPacer, throttleBackoffMs } from "../../../src/cloud/pacing.js";
import { fakeClock } from "../../helpers/fakeClock.js";

describe("shard pacing", () => {
  it("holds one shard to 1,000 records per second", async () => {
    const clock = fakeClock();
    const pacer = createShardPacer(1, clock);

    for (let i = 0; i < 10; i++) await pacer.beforeSend(500, 500 * 100);

    expect(clock.now()).toBe(4500);
  });

  it("holds one shard to 1 MiB per second when records are large", async () => {
    const clock = fakeClock();
    const pacer = createShardPacer(1, clock);

    for (let i = 0; i < 5; i++) await pacer.beforeSend(100, 1024 * 1024);

    expect(clock.now()).toBe(4000);
  });

  it("scales with the shard count", async () => {
    const clock = fakeClock();
    const pacer = createShardPacer(4, clock);

    for (let i = 0; i < 9; i++) await pacer.beforeSend(500, 0);

    expect(clock.now()).toBe(1000);
  });

  it("restarts its schedule instead of bursting after a long stall", async () => {
    const clock = fakeClock();
    const pacer = createShardPacer(1, clock);
    await pacer.beforeSend(500, 0);
    await clock.sleep(10_000);
    const before = clock.now();

    await pacer.beforeSend(500, 0);
    await pacer.beforeSend(500, 0);

    expect(clock.now() - before).toBe(500);
  });

  it("backs off exponentially up to five seconds, with jitter", () => {
    expect(throttleBackoffMs(0, () => 0.999)).toBe(99);
    expect(throttleBackoffMs(3, () => 0.5)).toBe(400);
    expect(throttleBackoffMs(20, () => 0.999)).toBe(4995);
    expect(throttleBackoffMs(5, () => 0)).toBe(0);
  });
});
