import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { measureBytesPerObservation } from "../../bench/memory.js";
import { redisServerArgs } from "../../src/core/redisTuning.js";

const BUNDLE = fileURLToPath(new URL("../../dist/lambdas/processing/index.mjs", import.meta.url));

describe("Redis memory per stored observation, through the built processing bundle", () => {
  it("stays well under the 650 bytes the full Signal in every history value cost", async () => {
    expect(existsSync(BUNDLE), "run `npm run build` first").toBe(true);
    // 200 observations per symbol: the history sorted sets are past the listpack size, as in production.
    const bytes = await measureBytesPerObservation(10_000);
    expect(bytes).toBeGreaterThan(100);
    // Measured here: 650 with full values (key, value, TTL, sorted-set member), ~510 compact.
    expect(bytes).toBeLessThan(560);
  });

  it("keeps history sorted sets compact with the pipeline's own Redis settings", async () => {
    const defaults = await measureBytesPerObservation(10_000);
    const tuned = await measureBytesPerObservation(10_000, redisServerArgs());
    // Measured here: ~510 with redis-server's defaults, ~415 as a listpack (~95 bytes a member less).
    expect(defaults - tuned).toBeGreaterThan(60);
    expect(tuned).toBeLessThan(450);
  });
});
