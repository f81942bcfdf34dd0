import { describe, expect, it } from "vitest";
import { createPacer } from "../../../src/replay/pacing.js";
import { type BatchSender, describeRanges, sendBatches } from "../../../src/replay/send.js";
import type { ReplayEntry } from "../../../src/replay/validate.js";
import { entry } from "./fakes.js";

const noPacing = createPacer(undefined);

/** A sender that resolves when told to, so tests control overlap and order. */
function controlledSender() {
  const calls: { batch: ReplayEntry[]; resolve: (acked: boolean[]) => void }[] = [];
  const send: BatchSender = (batch) =>
    new Promise((resolve) => calls.push({ batch, resolve: (acknowledged) => resolve({ acknowledged }) }));
  return { send, calls };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("sendBatches", () => {
  it("overlaps batches that share no partition key", async () => {
    const { send, calls } = controlledSender();
    const batches = [[entry(0, "AAPL")], [entry(1, "MSFT")], [entry(2, "SAP")]];
    const done = sendBatches(batches, send, { pacer: noPacing, maxInFlight: 2 });
    await tick();
    expect(calls.map((c) => c.batch[0]?.index)).toEqual([0, 1]);
    calls[0]?.resolve([true]);
    await tick();
    expect(calls).toHaveLength(3);
    calls[1]?.resolve([true]);
    calls[2]?.resolve([true]);
    expect(await done).toEqual({ acknowledged: [0, 1, 2], unacknowledged: [], batches: 3 });
  });

  it("waits for a batch with the same partition key so records keep file order", async () => {
    const { send, calls } = controlledSender();
    const batches = [[entry(0, "AAPL")], [entry(1, "AAPL")]];
    const done = sendBatches(batches, send, { pacer: noPacing, maxInFlight: 2 });
    await tick();
    expect(calls).toHaveLength(1);
    calls[0]?.resolve([true]);
    await tick();
    expect(calls).toHaveLength(2);
    calls[1]?.resolve([true]);
    await done;
  });

  it("stops after a batch with unacknowledged records and reports exactly what was acknowledged", async () => {
    const send: BatchSender = async (batch) =>
      batch[0]?.index === 2
        ? { acknowledged: [true, false], error: "ServiceUnavailable: down" }
        : { acknowledged: batch.map(() => true) };
    const batches = [
      [entry(0, "A"), entry(1, "A")],
      [entry(2, "A"), entry(3, "A")],
      [entry(4, "A"), entry(5, "A")],
    ];
    const report = await sendBatches(batches, send, { pacer: noPacing, maxInFlight: 2 });
    expect(report.acknowledged).toEqual([0, 1, 2]);
    expect(report.unacknowledged.map((e) => e.index)).toEqual([3, 4, 5]);
    expect(report.batches).toBe(2);
    expect(report.error).toBe("ServiceUnavailable: down");
  });

  it("counts a sender that throws as nothing acknowledged", async () => {
    const send: BatchSender = async () => {
      throw new Error("connect ECONNREFUSED");
    };
    const report = await sendBatches([[entry(0, "A")]], send, { pacer: noPacing, maxInFlight: 1 });
    expect(report).toMatchObject({ acknowledged: [], batches: 1, error: "connect ECONNREFUSED" });
  });
});

describe("describeRanges", () => {
  it("compacts consecutive indexes", () => {
    expect(describeRanges([0, 1, 2, 5, 7, 8])).toBe("0-2, 5, 7-8");
    expect(describeRanges([])).toBe("");
  });
});

describe("sendBatches on Ctrl-C", () => {
  it("starts no new batch once stopped, and reports the rest as not sent", async () => {
    const stop = new AbortController();
    const send: BatchSender = async (batch) => {
      stop.abort();
      return { acknowledged: batch.map(() => true) };
    };
    const batches = [[entry(0, "A")], [entry(1, "A")], [entry(2, "A")]];
    const report = await sendBatches(batches, send, { pacer: noPacing, maxInFlight: 1, stop: stop.signal });
    expect(report).toMatchObject({ acknowledged: [0], batches: 1, interrupted: true });
    expect(report.unacknowledged.map((e) => e.index)).toEqual([1, 2]);
  });
});
