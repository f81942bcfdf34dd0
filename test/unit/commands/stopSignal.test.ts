import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { commandStopSignal } from "../../../src/commands/stopSignal.js";

describe("a command's stop signal", () => {
  it("stops in order on the first Ctrl-C and ends with exit code 130 on the second", () => {
    const source = new EventEmitter();
    const exits: number[] = [];
    const stop = commandStopSignal({ source, exit: (code) => exits.push(code) });
    source.emit("SIGINT", "SIGINT");
    expect(stop.signal.aborted).toBe(true);
    expect(exits).toEqual([]);
    source.emit("SIGTERM", "SIGTERM");
    expect(exits).toEqual([130]);
    stop.dispose();
    expect(source.listenerCount("SIGINT")).toBe(0);
  });
});
