import { describe, expect, it } from "vitest";
import {
  createWriteFaults,
  isOutOfSpace,
  LOG_FREE_SPACE_RESERVE_BYTES,
  RECORDS_FREE_SPACE_RESERVE_BYTES,
} from "../../../src/local/pipeline/writeFaults.js";

describe("the files dev cannot write", () => {
  it("are told once when they start failing and once when they are written again", () => {
    const told: string[] = [];
    let now = 1_000;
    const faults = createWriteFaults(
      {
        onWriteFailed: (fault) => told.push(`failed ${fault.file}: ${fault.reason}`),
        onWriteRecovered: (file, ms) => told.push(`back ${file} after ${ms}`),
      },
      () => now,
    );
    faults.failed("/run/checkpoints.json", new Error("ENOSPC: no space left on device"));
    faults.failed("/run/checkpoints.json", new Error("ENOSPC: no space left on device, again"));
    expect(faults.list()).toEqual([
      {
        file: "/run/checkpoints.json",
        reason: "ENOSPC: no space left on device, again",
        since: new Date(1_000).toISOString(),
      },
    ]);
    now = 4_000;
    faults.succeeded("/run/checkpoints.json");
    faults.succeeded("/run/checkpoints.json");
    expect(told).toEqual([
      "failed /run/checkpoints.json: ENOSPC: no space left on device",
      "back /run/checkpoints.json after 3000",
    ]);
    expect(faults.list()).toEqual([]);
  });

  it("drop log lines at more free space than the space at which records are refused", () => {
    expect(LOG_FREE_SPACE_RESERVE_BYTES).toBeGreaterThan(RECORDS_FREE_SPACE_RESERVE_BYTES);
  });

  it("know a failure caused by lack of space from any other", () => {
    expect(isOutOfSpace("IO error: /x/000003.log: No space left on device")).toBe(true);
    expect(isOutOfSpace("ENOSPC: no space left on device, write")).toBe(true);
    expect(isOutOfSpace("EACCES: permission denied")).toBe(false);
  });
});
