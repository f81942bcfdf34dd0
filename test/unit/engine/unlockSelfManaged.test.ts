import { existsSync } from "node:fs";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { parseBackendUrl } from "../../../src/stack/engine/unlock/backend.js";
import { renderUnlock } from "../../../src/stack/engine/unlock/render.js";
import { runUnlock, type UnlockDeps } from "../../../src/stack/engine/unlock/run.js";
import { FakeEngine } from "./fakeEngine.js";

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

const URN =
  "urn:pulumi:prod::bavest-signals::bavest:signals:Cache$aws:elasticache/replicationGroup:ReplicationGroup::signals-cache";
const STREAM_URN =
  "urn:pulumi:prod::bavest-signals::bavest:signals:Stream$aws:kinesis/stream:Stream::signals-stream";
const LOCK = { pid: 4242, username: "ci", hostname: "runner-7", timestamp: "2026-11-30T10:00:00Z" };

/** A state like `pulumi stack export` writes after an interrupted update. */
function interruptedState() {
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-11-30T10:00:00Z", version: "v3.248.0" },
      resources: [{ urn: STREAM_URN, type: "aws:kinesis/stream:Stream", id: "quotes" }],
      pending_operations: [
        {
          resource: { urn: URN, type: "aws:elasticache/replicationGroup:ReplicationGroup" },
          type: "creating",
        },
        { resource: { urn: STREAM_URN, type: "aws:kinesis/stream:Stream" }, type: "updating" },
      ],
    },
  };
}

/** A folder laid out like a `file://` backend of Pulumi 3 (project-scoped, meta.yaml version 1). */
async function fileBackend() {
  const root = await mkdtemp(join(tmpdir(), "bavest-backend-"));
  const locks = join(root, ".pulumi", "locks", "organization", "bavest-signals");
  await mkdir(join(locks, "prod"), { recursive: true });
  await mkdir(join(locks, "staging"), { recursive: true });
  await mkdir(join(root, ".pulumi", "stacks", "organization", "bavest-signals"), { recursive: true });
  await writeFile(join(root, ".pulumi", "meta.yaml"), "version: 1\n");
  await writeFile(join(root, ".pulumi", "stacks", "organization", "bavest-signals", "prod.json"), "{}");
  const prodLock = join(locks, "prod", "0b5c6a6e-1f7d-4c1e-9b36-0f5e2a1d9c11.json");
  const stagingLock = join(locks, "staging", "7d1e0c2a-93a4-4a55-8f3e-5b1c2d3e4f50.json");
  await writeFile(prodLock, JSON.stringify(LOCK));
  await writeFile(stagingLock, JSON.stringify(LOCK));
  return { root, prodLock, stagingLock };
}

function setup(backend: string, answer = true) {
  const engine = new FakeEngine("prod");
  engine.backend = backend;
  engine.state = interruptedState();
  const asked: string[] = [];
  const deps: UnlockDeps = {
    openEngine: async () => engine,
    interactive: true,
    confirm: async (message) => {
      asked.push(message);
      return answer;
    },
    env: {},
  };
  return { engine, deps, asked };
}

describe("unlock on a file:// backend", () => {
  it("lists the lock files and pending operations, then removes this stack's locks and drops the operations", async () => {
    const { root, prodLock, stagingLock } = await fileBackend();
    const { engine, deps, asked } = setup(`file://${root}`);

    const result = await runUnlock({ stack: "prod", yes: false }, deps);

    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain(
      `remove the lock ${prodLock} (taken by ci@runner-7, pid 4242, at 2026-11-30T10:00:00Z)`,
    );
    expect(asked[0]).toContain(`drop the pending operation "creating" of ${URN}`);
    expect(asked[0]).not.toContain("staging");
    expect(existsSync(prodLock)).toBe(false);
    expect(existsSync(stagingLock)).toBe(true);
    expect(engine.calls).not.toContain("cancel");
    expect(engine.state.deployment).not.toHaveProperty("pending_operations");
    expect(engine.state.deployment.resources).toEqual(interruptedState().deployment.resources);
    expect(result).toMatchObject({ unlocked: true, backend: "file", refreshed: false });
    expect(result.pendingOperations.map((operation) => operation.type)).toEqual(["creating", "updating"]);
    const text = renderUnlock(result);
    expect(text).toContain(`removed ${prodLock}`);
    expect(text).toContain("check the resources above in the AWS console");
    expect(text).toContain("bavest-signals deploy --stack prod --refresh");
  });

  it("warns in the question when the lock's process is still running on this machine", async () => {
    const { root, prodLock } = await fileBackend();
    await writeFile(prodLock, JSON.stringify({ ...LOCK, hostname: hostname(), pid: process.pid }));
    const { deps, asked } = setup(`file://${root}`, false);

    await runUnlock({ stack: "prod", yes: false }, deps);

    expect(asked[0]).toContain(`pid ${process.pid}`);
    expect(asked[0]).toContain("that process is STILL RUNNING on this machine");
  });

  it("touches nothing when the user declines", async () => {
    const { root, prodLock } = await fileBackend();
    const { engine, deps } = setup(`file://${root}`, false);

    const result = await runUnlock({ stack: "prod", yes: false }, deps);

    expect(result.unlocked).toBe(false);
    expect(existsSync(prodLock)).toBe(true);
    expect(engine.calls).not.toContain("importState");
  });

  it("prefers PULUMI_BACKEND_URL and, with --refresh, runs the refresh that clears pending creates", async () => {
    const { root, prodLock } = await fileBackend();
    const { engine, deps } = setup("https://api.pulumi.com");

    const result = await runUnlock(
      { stack: "prod", yes: true, refresh: true },
      { ...deps, env: { PULUMI_BACKEND_URL: `file://${root}` } },
    );

    expect(existsSync(prodLock)).toBe(false);
    expect(engine.refreshOptions).toEqual([{ clearPendingCreates: true }]);
    expect(result.refreshed).toBe(true);
  });

  it("asks nothing and changes nothing when the stack is neither locked nor pending", async () => {
    const root = await mkdtemp(join(tmpdir(), "bavest-backend-"));
    const { engine, deps, asked } = setup(`file://${root}`);
    engine.state = { version: 3, deployment: { resources: [] } };

    const result = await runUnlock({ stack: "prod", yes: false }, deps);

    expect(asked).toEqual([]);
    expect(engine.calls).not.toContain("importState");
    expect(renderUnlock(result)).toContain("was not locked and has no pending operations");
  });
});

describe("unlock on an s3:// backend", () => {
  it("removes the stack's lock objects under the backend's prefix and drops the pending operations", async () => {
    const lockKey = "state/.pulumi/locks/organization/bavest-signals/prod/0b5c6a6e.json";
    s3.on(ListObjectsV2Command, {
      Bucket: "tf-state",
      Prefix: "state/.pulumi/locks/organization/bavest-signals/prod/",
    }).resolves({
      Contents: [{ Key: lockKey }],
    });
    s3.on(ListObjectsV2Command, { Bucket: "tf-state", Prefix: "state/.pulumi/locks/prod/" }).resolves({
      Contents: [],
    });
    s3.on(GetObjectCommand, { Key: lockKey }).resolves({
      Body: { transformToString: async () => JSON.stringify(LOCK) } as never,
    });
    const { engine, deps, asked } = setup("s3://tf-state/state?region=eu-central-1");

    const result = await runUnlock({ stack: "prod", yes: false }, deps);

    expect(asked[0]).toContain(`remove the lock s3://tf-state/${lockKey} (taken by ci@runner-7`);
    expect(s3.commandCalls(DeleteObjectCommand).map((call) => call.args[0].input)).toEqual([
      { Bucket: "tf-state", Key: lockKey },
    ]);
    expect(engine.state.deployment).not.toHaveProperty("pending_operations");
    expect(result).toMatchObject({ unlocked: true, backend: "s3" });
  });

  it("names the backend it cannot clear and where the locks are", async () => {
    const { deps } = setup("gs://bucket/state");
    await expect(runUnlock({ stack: "prod", yes: true }, deps)).rejects.toMatchObject({
      message: expect.stringContaining("gs://bucket/state"),
      hint: expect.stringContaining(".pulumi/locks/organization/bavest-signals/prod/"),
    });
  });
});

describe("backend URLs", () => {
  it("reads file, s3 and service URLs as the Pulumi CLI does", () => {
    expect(parseBackendUrl("file://~/.bavest-signals/state", "/work", "/home/me")).toMatchObject({
      kind: "file",
      root: "/home/me/.bavest-signals/state",
    });
    expect(parseBackendUrl("file://state", "/work")).toMatchObject({ kind: "file", root: "/work/state" });
    expect(parseBackendUrl("file:///var/state?no_tmp_dir=true", "/work")).toMatchObject({
      root: "/var/state",
    });
    expect(parseBackendUrl("s3://bucket/a/b?region=eu-central-1&profile=ops", "/work")).toMatchObject({
      kind: "s3",
      bucket: "bucket",
      prefix: "a/b",
      region: "eu-central-1",
      profile: "ops",
    });
    expect(parseBackendUrl(undefined, "/work").kind).toBe("service");
    expect(parseBackendUrl("https://api.pulumi.com", "/work").kind).toBe("service");
  });
});
