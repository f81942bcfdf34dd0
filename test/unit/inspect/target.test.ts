import { describe, expect, it } from "vitest";
import { renderOutputs, runOutputs } from "../../../src/commands/outputs.js";
import { CliError } from "../../../src/lib/errors.js";
import type { LocalPipelineRecord } from "../../../src/local/state.js";
import { resolveRedisTarget } from "../../../src/targets/redisTarget.js";
import { resolveReplayTarget } from "../../../src/targets/streamTarget.js";

const record: LocalPipelineRecord = {
  pid: process.pid,
  startedAt: "2026-11-20T15:00:00.000Z",
  kinesis_stream_name: "bavest-quotes",
  kinesis_endpoint: "http://127.0.0.1:4567",
  region: "us-east-1",
  redis_primary_endpoint: "127.0.0.1:6390",
  redis_url: "redis://127.0.0.1:6390",
  bavest_api_url: "http://127.0.0.1:8080/v0",
  redis_prefix: "bavest",
  runDir: "/tmp/x",
  deadLetterFile: "/tmp/x/dead.jsonl",
};
const readLocal = async () => record;
const options = { local: true, stack: "dev", env: {} };

describe("targets", () => {
  it("read the local pipeline record for --local", async () => {
    expect(await resolveReplayTarget(options, { readLocal })).toEqual({
      streamName: "bavest-quotes",
      region: "us-east-1",
      endpoint: "http://127.0.0.1:4567",
      description: "the local pipeline",
    });
    expect(await resolveRedisTarget(options, { readLocal })).toMatchObject({
      url: "redis://127.0.0.1:6390",
      prefix: "bavest",
    });
  });

  it("ask the cloud resolver for a stack, and refuse to guess without one", async () => {
    const cloud = { ...options, local: false, stack: "prod" };
    for (const resolve of [
      () => resolveReplayTarget(cloud),
      () => resolveRedisTarget(cloud),
      () => runOutputs(cloud),
    ]) {
      await expect(resolve()).rejects.toThrow(/needs a cloud resolver/);
    }
    const asked: string[] = [];
    const target = { streamName: "s", region: "eu-central-1", description: 'stack "prod"' };
    const replayCloud = async (stack: string) => {
      asked.push(stack);
      return target;
    };
    expect(await resolveReplayTarget(cloud, { cloud: replayCloud })).toBe(target);
    const redis = { url: "redis://127.0.0.1:1", prefix: "bavest", description: 'stack "prod"' };
    expect(await resolveRedisTarget(cloud, { cloud: async () => redis })).toBe(redis);
    expect(await runOutputs(cloud, { cloud: async () => ({ kinesis_stream_name: "s" }) })).toEqual({
      kinesis_stream_name: "s",
    });
    expect(asked).toEqual(["prod"]);
  });
});

describe("outputs --local", () => {
  it("gives exactly the five contract keys", async () => {
    const outputs = await runOutputs(options, { readLocal });
    expect(outputs).toEqual({
      kinesis_stream_name: "bavest-quotes",
      kinesis_endpoint: "http://127.0.0.1:4567",
      redis_primary_endpoint: "127.0.0.1:6390",
      redis_url: "redis://127.0.0.1:6390",
      bavest_api_url: "http://127.0.0.1:8080/v0",
    });
    expect(renderOutputs(outputs).split("\n")[0]).toBe("kinesis_stream_name     bavest-quotes");
  });

  it("fails with the hint to start dev when nothing runs", async () => {
    const error = await runOutputs({ ...options, env: { BAVEST_SIGNALS_HOME: "/nonexistent/home" } }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe("No local pipeline is running.");
  });
});
