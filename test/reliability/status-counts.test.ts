import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cliJson } from "../helpers/cli.js";
import { type DevProcess, startDevProcess } from "../helpers/devProcess.js";
import { jsonLines, observations } from "./support/observations.js";

// Issue T.5: the fault campaign compares status's "in" and backlog with what it sent; around a
// checkpoint write one batch was counted twice. Checked here against a running dev, many times,
// while its batches are being processed.
const SYMBOLS = ["AAPL", "MSFT", "NVDA", "SAP.DE", "BMW.DE"];
let dev: DevProcess | undefined;

afterAll(() => dev?.stop("SIGKILL"));

interface StatusDocument {
  stream: { windows: Record<"5m" | "60m", { in: number; out: number }>; backlog: number };
}

describe("status --local's stream counts against what was sent", () => {
  it("'in' equals the records sent and 'out' plus the backlog too, at every look", async () => {
    dev = await startDevProcess(["--batching-window", "20ms", "--batch-size", "25"]);
    const home = dev.home;
    const dir = await mkdtemp(join(tmpdir(), "bavest-status-counts-"));
    let sent = 0;
    for (let round = 0; round < 4; round += 1) {
      const file = join(dir, `round-${round}.jsonl`);
      await writeFile(file, jsonLines(observations(SYMBOLS, 300, round * 300)));
      const replay = await cliJson(home, ["replay", "--local", file]);
      expect(replay.code, replay.stderr).toBe(0);
      sent += (replay.json as { sent: number }).sent;
      for (let look = 0; look < 3; look += 1) {
        const status = await cliJson(home, ["status", "--local"]);
        const { windows, backlog } = (status.json as StatusDocument).stream;
        expect(windows["60m"].in, `round ${round}, look ${look}`).toBe(sent);
        expect(windows["60m"].out + backlog, `round ${round}, look ${look}`).toBe(sent);
      }
    }
  }, 120_000);
});
