import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { createStopSignal, STOP_SIGNALS_AND_HANGUP } from "../../../src/lib/stopSignal.js";

describe("createStopSignal", () => {
  it("asks to stop on the first signal and forces on the second", async () => {
    const source = new EventEmitter();
    const stop = createStopSignal({ source });
    expect(stop.signal.aborted).toBe(false);
    source.emit("SIGTERM", "SIGTERM");
    expect(stop.signal.aborted).toBe(true);
    await expect(stop.requested).resolves.toBe("SIGTERM");
    let forced: string | undefined;
    void stop.forced.then((reason) => {
      forced = reason;
    });
    await Promise.resolve();
    expect(forced).toBeUndefined();
    source.emit("SIGINT", "SIGINT");
    await expect(stop.forced).resolves.toBe("SIGINT");
    expect(stop.count).toBe(2);
    stop.dispose();
  });

  it("counts requests that are not signals and tells the caller of each", async () => {
    const seen: Array<[number, string]> = [];
    const source = new EventEmitter();
    const stop = createStopSignal({ source, onRequest: (count, reason) => seen.push([count, reason]) });
    stop.request("parent gone");
    source.emit("SIGINT", "SIGINT");
    source.emit("SIGINT", "SIGINT");
    await expect(stop.requested).resolves.toBe("parent gone");
    expect(seen).toEqual([
      [1, "parent gone"],
      [2, "SIGINT"],
      [3, "SIGINT"],
    ]);
    stop.dispose();
  });

  it("listens to the signals asked for and removes its listeners on dispose", () => {
    const source = new EventEmitter();
    const stop = createStopSignal({ source, signals: STOP_SIGNALS_AND_HANGUP });
    expect(source.listenerCount("SIGHUP")).toBe(1);
    expect(source.listenerCount("SIGINT")).toBe(1);
    stop.dispose();
    for (const name of STOP_SIGNALS_AND_HANGUP) expect(source.listenerCount(name)).toBe(0);
    source.emit("SIGINT", "SIGINT");
    expect(stop.signal.aborted).toBe(false);
  });
});
