import { describe, expect, it } from "vitest";
import { type DiffDeps, pendingChangesError, renderDiff, runDiff } from "../../../src/deploy/runDiff.js";
import type { EngineConfigValue } from "../../../src/stack/engine/types.js";
import { memoryOutput } from "../../helpers/memoryStreams.js";
import { FakeEngine, recordedEvents } from "../engine/fakeEngine.js";
import { FakeSignals } from "./testOutput.js";

const plain = (value: string): EngineConfigValue => ({ value, secret: false });
const CONFIGURED: Record<string, EngineConfigValue> = {
  "aws:region": plain("us-east-1"),
  "bavest-signals:symbols": plain("AAPL,MSFT"),
  "bavest-signals:bavestApiKey": { value: "key-123", secret: true },
  "bavest-signals:redisAuthToken": { value: "token-abcdefghijklmnop", secret: true },
};

function setup(events: string, config: Record<string, EngineConfigValue>) {
  const engine = new FakeEngine("dev", { ...CONFIGURED, ...config });
  engine.scripts.preview = { events: recordedEvents(events) };
  const captured = memoryOutput();
  const deps: DiffDeps = {
    openEngine: async () => engine,
    output: captured.output,
    buildBundles: async () => "/tmp/bundles",
    loadProgram: async () => async () => ({}),
    signals: new FakeSignals(),
  };
  return { engine, deps, captured };
}

describe("diff", () => {
  it("previews without deploying and shows the changes and the monthly cost before and after", async () => {
    const { engine, deps } = setup("preview-cost-changes", {
      "bavest-signals:shards": plain("2"),
      "bavest-signals:nodeType": plain("cache.t3.small"),
    });

    const result = await runDiff({ stack: "dev" }, deps);

    expect(engine.calls).toEqual(["getAllConfig", "preview"]);
    expect(result.pending).toBe(true);
    expect(result.plan.changes.map((change) => `${change.op} ${change.name}`)).toEqual([
      "update signals-stream",
      "replace signals-cache",
      "create signals-bastion",
    ]);
    const line = (item: string) => result.costDelta.lines.find((entry) => entry.item === item);
    // Deployed: 1 shard, cache.t3.micro, no bastion (it is being created); configured: 2, t3.small, bastion.
    expect(line("Kinesis shards")).toMatchObject({
      beforeMonthlyUsd: 730 * 0.015,
      afterMonthlyUsd: 2 * 730 * 0.015,
    });
    expect(line("ElastiCache cache.t3.micro")).toMatchObject({
      beforeMonthlyUsd: 730 * 0.017,
      afterMonthlyUsd: 0,
    });
    expect(line("ElastiCache cache.t3.small")).toMatchObject({
      beforeMonthlyUsd: 0,
      afterMonthlyUsd: 730 * 0.034,
    });
    expect(line("Bastion EC2 t4g.nano")?.beforeMonthlyUsd).toBe(0);
    expect(line("Secrets Manager")).toBeUndefined();
    const sum = result.costDelta.lines.reduce(
      (total, entry) => total + entry.afterMonthlyUsd - entry.beforeMonthlyUsd,
      0,
    );
    expect(result.costDelta.deltaMonthlyUsd).toBeCloseTo(sum, 6);
    expect(result.costDelta.afterMonthlyUsd).toBeCloseTo(
      result.costEstimate.totalMonthlyUsd ?? Number.NaN,
      6,
    );
    const text = renderDiff(result, false);
    expect(text).toContain("+- replace signals-cache");
    expect(text).toContain("Estimated monthly cost (estimate;");
    expect(text).toMatch(
      /Change in the estimated monthly cost \(estimate\): \$\d+\.\d\d -> \$\d+\.\d\d \(\+\$\d+\.\d\d per month\)/,
    );
    expect(pendingChangesError(result)).toMatchObject({ message: 'Stack "dev" has 3 pending change(s).' });
  });

  it("reports no pending changes and no cost change when the stack matches its config", async () => {
    const { deps } = setup("preview-no-changes", {
      "bavest-signals:bastion": plain("false"),
    });

    const result = await runDiff({ stack: "dev" }, deps);

    expect(result.pending).toBe(false);
    expect(result.costDelta.lines).toEqual([]);
    expect(result.costDelta.deltaMonthlyUsd).toBeCloseTo(0, 9);
    expect(pendingChangesError(result)).toBeUndefined();
    expect(renderDiff(result, false)).toContain('No changes to stack "dev"');
  });

  it("counts the whole estimate as new on a stack with nothing deployed", async () => {
    const { deps } = setup("preview-changes", {});
    const engineEvents = recordedEvents("preview-changes").map((event) => {
      const metadata = event.resourcePreEvent?.metadata;
      return metadata && metadata.type !== "pulumi:pulumi:Stack"
        ? {
            ...event,
            resourcePreEvent: { ...event.resourcePreEvent, metadata: { ...metadata, op: "create" as const } },
          }
        : event;
    });
    const engine = (await deps.openEngine("dev", "select")) as FakeEngine;
    engine.scripts.preview = { events: engineEvents as never };

    const result = await runDiff({ stack: "dev" }, deps);

    expect(result.costDelta.beforeMonthlyUsd).toBe(0);
    expect(result.costDelta.deltaMonthlyUsd).toBeCloseTo(
      result.costEstimate.totalMonthlyUsd ?? Number.NaN,
      6,
    );
  });
});
