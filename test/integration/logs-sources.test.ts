import { appendFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { readCloudLogs } from "../../src/logs/cloudLogs.js";
import { readLocalLogs } from "../../src/logs/localLogs.js";
import type { LogEntry } from "../../src/logs/render.js";

const line = (message: string, at: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ level: "INFO", message, timestamp: at, service: "bavest-processing", ...extra });

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("local log files", () => {
  it("reads both files in time order from --since, then follows appended lines, half lines included", async () => {
    const dir = await mkdtemp(join(tmpdir(), "bavest-logs-"));
    const processing = join(dir, "processing.log");
    const ingestion = join(dir, "ingestion.log");
    await writeFile(
      processing,
      `${line("old", "2026-11-27T05:00:00.000Z")}\n${line("Batch processed", "2026-11-27T06:00:02.000Z", { records: 7 })}\n`,
    );
    await writeFile(ingestion, `${line("Ingestion finished", "2026-11-27T06:00:01.000Z", { written: 7 })}\n`);
    const seen: LogEntry[] = [];
    const controller = new AbortController();
    const following = readLocalLogs(
      [
        { source: "ingestion", file: ingestion },
        { source: "processing", file: processing },
      ],
      { since: Date.parse("2026-11-27T06:00:00Z"), follow: true, signal: controller.signal, pollMs: 20 },
      (entry) => seen.push(entry),
    );
    await until(() => seen.length === 2);
    expect(seen.map((entry) => [entry.source, entry.fields?.message])).toEqual([
      ["ingestion", "Ingestion finished"],
      ["processing", "Batch processed"],
    ]);
    const next = line("Batch processed", "2026-11-27T06:00:05.000Z", { records: 3 });
    await appendFile(processing, next.slice(0, 20));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(2);
    await appendFile(processing, `${next.slice(20)}\n`);
    await until(() => seen.length === 3);
    expect(seen[2]?.fields?.records).toBe(3);
    controller.abort();
    await following;
  });

  it("reads a missing file as empty and stops at once without --follow", async () => {
    const seen: LogEntry[] = [];
    await readLocalLogs(
      [{ source: "processing", file: "/nonexistent/processing.log" }],
      { since: null, follow: false, signal: new AbortController().signal },
      (entry) => seen.push(entry),
    );
    expect(seen).toEqual([]);
  });
});

describe("CloudWatch Logs", () => {
  const logs = mockClient(CloudWatchLogsClient);
  afterEach(() => logs.reset());

  it("pages through FilterLogEvents, merges groups by time and follows without repeating events", async () => {
    const t = Date.parse("2026-11-27T06:00:00Z");
    const event = (id: string, at: number, message: string) => ({
      eventId: id,
      timestamp: at,
      ingestionTime: at + 100,
      logStreamName: "s",
      message,
    });
    logs
      .on(FilterLogEventsCommand, { logGroupName: "/aws/lambda/proc-1", nextToken: undefined })
      .resolvesOnce({
        events: [event("p1", t + 2_000, line("Batch processed", "2026-11-27T06:00:02.000Z"))],
        nextToken: "more",
      })
      .resolves({ events: [event("p3", t + 9_000, line("Batch processed", "2026-11-27T06:00:09.000Z"))] })
      .on(FilterLogEventsCommand, { logGroupName: "/aws/lambda/proc-1", nextToken: "more" })
      .resolves({ events: [event("p2", t + 3_000, "END RequestId: 8f2c")] })
      .on(FilterLogEventsCommand, { logGroupName: "/aws/lambda/ing-1" })
      .rejects(
        Object.assign(new Error("The specified log group does not exist."), {
          name: "ResourceNotFoundException",
        }),
      );
    const seen: LogEntry[] = [];
    const controller = new AbortController();
    const client = new CloudWatchLogsClient({ region: "eu-central-1" });
    const following = readCloudLogs(
      client,
      [
        { source: "processing", logGroupName: "/aws/lambda/proc-1" },
        { source: "ingestion", logGroupName: "/aws/lambda/ing-1" },
      ],
      { since: t, follow: true, signal: controller.signal, pollMs: 20 },
      (entry) => seen.push(entry),
    );
    await until(() => seen.length >= 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    await following;
    expect(seen.map((entry) => entry.text)).toEqual([
      line("Batch processed", "2026-11-27T06:00:02.000Z"),
      "END RequestId: 8f2c",
      line("Batch processed", "2026-11-27T06:00:09.000Z"),
    ]);
    const first = logs.commandCalls(FilterLogEventsCommand)[0]?.args[0].input;
    expect(first).toMatchObject({ logGroupName: "/aws/lambda/proc-1", startTime: t });
    const later = logs.commandCalls(FilterLogEventsCommand).at(-1)?.args[0].input;
    expect(later?.startTime).toBe(t + 9_000);
  });
});
