import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startLambdaHost } from "../../src/local/pipeline/lambdaHost.js";

// A bundle that counts its invocations per thread and can be told to crash its thread.
const BUNDLE = `
let invocations = 0;
export async function handler(event) {
  invocations += 1;
  if (event.crash) {
    setImmediate(() => { throw new Error("the function blew up"); });
    return new Promise(() => {});
  }
  console.log(JSON.stringify({ message: "handled", invocations }));
  return { invocations, region: process.env.AWS_REGION };
}
`;

async function host() {
  const dir = await mkdtemp(join(tmpdir(), "lambda-host-"));
  const bundlePath = join(dir, "index.mjs");
  await writeFile(bundlePath, BUNDLE);
  const logFile = join(dir, "fn.log");
  const lambda = await startLambdaHost({
    name: "processing",
    functionName: "processing-local",
    env: { AWS_REGION: "eu-central-1" },
    logFile,
    region: "eu-central-1",
    timeoutMs: 5_000,
    bundlePath,
  });
  return { lambda, logFile };
}

describe("a local function host", () => {
  it("keeps one warm thread across invocations, with the function's own environment and log", async () => {
    const { lambda, logFile } = await host();
    expect(await lambda.invoke({})).toEqual({ invocations: 1, region: "eu-central-1" });
    expect(await lambda.invoke({})).toEqual({ invocations: 2, region: "eu-central-1" });
    await lambda.stop();
    expect(await readFile(logFile, "utf8")).toContain('"message":"handled"');
  });

  it("fails the invocation that crashed the thread and serves the next one from a fresh thread", async () => {
    const { lambda } = await host();
    await lambda.invoke({});

    await expect(lambda.invoke({ crash: true })).rejects.toThrow(/crashed: the function blew up/);
    // A new execution environment: a cold start, so the count begins again.
    expect(await lambda.invoke({})).toEqual({ invocations: 1, region: "eu-central-1" });
    await lambda.stop();
  });

  it("does not come back after stop", async () => {
    const { lambda } = await host();
    await lambda.stop();
    await expect(lambda.invoke({})).rejects.toThrow(/stopped/);
  });
});
