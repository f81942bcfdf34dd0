import { describe, expect, it } from "vitest";
import { renderDrift } from "../../../src/deploy/driftReport.js";
import { type DriftDeps, driftError, runDrift } from "../../../src/deploy/runDrift.js";
import { createStyle } from "../../../src/lib/style.js";
import { memoryOutput } from "../../helpers/memoryStreams.js";
import { FakeEngine, recordedError, recordedEvents } from "../engine/fakeEngine.js";
import { FakeSignals } from "./testOutput.js";

function setup(events: ReturnType<typeof recordedEvents>) {
  const engine = new FakeEngine("prod");
  engine.scripts.previewRefresh = { events };
  const captured = memoryOutput();
  const deps: DriftDeps = {
    openEngine: async () => engine,
    output: captured.output,
    signals: new FakeSignals(),
  };
  return { engine, deps, captured };
}

describe("drift", () => {
  it("lists each resource changed outside the tool with every property's value in the state and in the cloud", async () => {
    const { engine, deps } = setup(recordedEvents("refresh-preview-drift"));

    const result = await runDrift({ stack: "prod" }, deps);

    expect(engine.calls).toEqual(["previewRefresh"]);
    expect(result.pending).toBe(true);
    expect(result.unchanged).toBe(1);
    expect(result.drifted).toEqual([
      expect.objectContaining({
        name: "signals-redis-sg",
        change: "changed",
        properties: [
          { path: "ingress[0].cidrBlocks[0]", old: "10.0.0.0/16", new: "0.0.0.0/0" },
          { path: "tags.Owner", old: undefined, new: "ops-team" },
        ],
      }),
      expect.objectContaining({
        name: "signals-processing",
        change: "changed",
        // No diff in the event: the outputs were compared; the secret stays hidden on both sides.
        properties: [
          { path: "environment", old: "[secret]", new: "[secret]" },
          { path: "memorySize", old: 256, new: 512 },
        ],
      }),
      expect.objectContaining({ name: "signals-alarm-email", change: "deleted", properties: [] }),
    ]);
    const text = renderDrift(result, "prod", createStyle(false));
    expect(text).toContain("~ changed signals-redis-sg  aws:ec2:SecurityGroup");
    expect(text).toContain('ingress[0].cidrBlocks[0]: "10.0.0.0/16" -> "0.0.0.0/0"');
    expect(text).toContain('tags.Owner: (none) -> "ops-team"');
    expect(text).toContain("- deleted signals-alarm-email");
    expect(JSON.stringify(result)).not.toContain("REDIS_AUTH_TOKEN");
    expect(driftError(result)?.message).toBe('3 resource(s) of stack "prod" changed outside bavest-signals.');
  });

  it("reports no drift when every resource reads back as the state says", async () => {
    const same = recordedEvents("refresh-preview-drift").filter(
      (event) => !event.resOutputsEvent || event.resOutputsEvent.metadata.op === "same",
    );
    const { deps } = setup(same);

    const result = await runDrift({ stack: "prod" }, deps);

    expect(result).toMatchObject({ pending: false, drifted: [] });
    expect(driftError(result)).toBeUndefined();
    expect(renderDrift(result, "prod", createStyle(false))).toContain(
      'No drift: every resource of stack "prod"',
    );
  });

  it("turns a locked stack into the unlock hint", async () => {
    const { engine, deps } = setup([]);
    engine.scripts.previewRefresh = { error: recordedError("up-locked") };

    await expect(runDrift({ stack: "prod" }, deps)).rejects.toMatchObject({
      hint: expect.stringContaining("bavest-signals unlock --stack prod"),
    });
  });
});
