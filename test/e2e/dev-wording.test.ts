import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";

// Issue S.13: Ctrl-C with nothing in flight offered to "leave it for the next start", and
// --fresh did not say what it dropped.
const FIXTURE = fileURLToPath(new URL("../../fixtures/sample.json", import.meta.url));
const started: DevProcess[] = [];

afterEach(async () => {
  for (const dev of started.splice(0)) await dev.stop("SIGKILL");
});

describe("what dev says when it stops and when it starts fresh", () => {
  it("says nothing is in flight without offering to leave it, and --fresh names what it removed", async () => {
    const first = await startDevProcess(["--batching-window", "50ms"]);
    started.push(first);
    const replay = await runCli(["replay", "--local", FIXTURE, "--wait"], {
      env: { BAVEST_SIGNALS_HOME: first.home },
    });
    expect(replay.code, replay.stderr).toBe(0);
    await first.stop("SIGINT");
    expect(first.stderr()).toContain("Received SIGINT: stopping. Nothing in flight.");
    expect(first.stderr()).not.toContain("for the next start");
    expect(first.stderr()).toContain("Stopped.");

    const fresh = await startDevProcess(["--fresh"], { home: first.home });
    started.push(fresh);
    const said = fresh.stderr();
    expect(said).toMatch(/--fresh: removed the kept stream \(.*kinesis, [\d.]+ (KiB|MiB)\)/);
    expect(said).toContain("the shard checkpoints (");
    expect(said).toMatch(/Redis's data \(.*redis, [\d.]+ (KiB|MiB)\)/);
    expect(said).toContain("the dead-letter file and the logs are kept");
  }, 90_000);
});
