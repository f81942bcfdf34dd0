import type { Clock } from "../../../src/replay/pacing.js";
import type { ReplayEntry } from "../../../src/replay/validate.js";
import { fakeClock as sharedFakeClock } from "../../helpers/fakeClock.js";

/** A clock whose sleep advances time instantly, starting well after 0; records every sleep. */
export function fakeClock(start = 1_000_000): Clock & { sleeps: number[] } {
  return sharedFakeClock(start);
}

export function entry(index: number, symbol: string): ReplayEntry {
  return { index, label: `index ${index}`, PartitionKey: symbol, Data: Buffer.from(`{"i":${index}}`) };
}
