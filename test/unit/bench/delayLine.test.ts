import { describe, expect, it } from "vitest";
import { createDelayLine, type DelayClock } from "../../../bench/delayLine.js";

/** A clock that moves only when told to, running due callbacks in the order they were set. */
function manualClock(): DelayClock & { advance(ms: number): void; waiting(): number } {
  let now = 0;
  let pending: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    after(ms, fn) {
      const entry = { at: now + ms, fn };
      pending.push(entry);
      return () => {
        pending = pending.filter((other) => other !== entry);
      };
    },
    advance(ms) {
      now += ms;
      for (;;) {
        const due = pending.find((entry) => entry.at <= now);
        if (!due) return;
        pending = pending.filter((entry) => entry !== due);
        due.fn();
      }
    },
    waiting: () => pending.length,
  };
}

describe("delay line", () => {
  it("holds each item for the delay and hands them out in the order they came in", () => {
    // prepare
    const clock = manualClock();
    const delivered: string[] = [];
    const line = createDelayLine<string>(0.5, (item) => delivered.push(item), clock);
    // act
    line.push("a");
    clock.advance(0.2);
    line.push("b");
    line.push("c");
    clock.advance(0.29);
    const beforeDue = [...delivered];
    clock.advance(0.01);
    const afterFirst = [...delivered];
    clock.advance(0.2);
    // assess
    expect(beforeDue).toEqual([]);
    expect(afterFirst).toEqual(["a"]);
    expect(delivered).toEqual(["a", "b", "c"]);
    expect(line.pending).toBe(0);
  });

  it("checks the time again when called back early, so no item leaves before its delay", () => {
    // prepare: a clock whose callbacks fire immediately, as a coarse timer may
    let now = 0;
    const delivered: number[] = [];
    const eager: DelayClock = {
      now: () => now,
      after: (_ms, fn) => {
        now += 0.1;
        queueMicrotask(fn);
        return () => {};
      },
    };
    const line = createDelayLine<number>(1, (item) => delivered.push(item), eager);
    // act
    line.push(1);
    return new Promise<void>((resolve) => {
      const check = () => {
        if (delivered.length === 0) return void setTimeout(check, 0);
        // assess
        expect(now).toBeGreaterThanOrEqual(1);
        expect(delivered).toEqual([1]);
        resolve();
      };
      check();
    });
  });

  it("drops queued items and cancels its callback when closed", () => {
    // prepare
    const clock = manualClock();
    const delivered: string[] = [];
    const line = createDelayLine<string>(1, (item) => delivered.push(item), clock);
    line.push("lost");
    // act
    line.close();
    line.push("after close");
    clock.advance(5);
    // assess
    expect(delivered).toEqual([]);
    expect(clock.waiting()).toBe(0);
    expect(line.pending).toBe(0);
  });
});
