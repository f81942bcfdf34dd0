import { PassThrough } from "node:stream";
import { createOutput, type Output } from "../../../src/lib/output.js";
import type { Clock } from "../../../src/replay/pacing.js";
import type { ReplayEntry } from "../../../src/replay/validate.js";

/** A clock whose sleep advances time instantly; records every sleep. */
export function fakeClock(start = 1_000_000): Clock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
}

export function entry(index: number, symbol: string): ReplayEntry {
  return { index, label: `index ${index}`, PartitionKey: symbol, Data: Buffer.from(`{"i":${index}}`) };
}

/** An Output writing to memory, for asserting what a command printed. */
export function memoryOutput(json = false): Output & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => (out += chunk));
  stderr.on("data", (chunk) => (err += chunk));
  const output = createOutput({ json, stdout, stderr, env: {} });
  return Object.assign(output, { out: () => out, err: () => err });
}
