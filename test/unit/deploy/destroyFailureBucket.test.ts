import {
  DeleteObjectsCommand,
  GetBucketVersioningCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { type DestroyDeps, renderDestroy, runDestroy } from "../../../src/deploy/runDestroy.js";
import { memoryOutput } from "../../helpers/memoryStreams.js";
import { FakeEngine } from "../engine/fakeEngine.js";
import { fixture } from "../preflight/harness.js";
import { FakeSignals } from "./testOutput.js";

const BUCKET = "processing-failures-3f2a1b9";

function setup(options: { versioned?: boolean; empty?: boolean } = {}) {
  const engine = new FakeEngine("prod");
  engine.stackOutputs = {
    failure_bucket_name: { value: BUCKET, secret: false },
    region: { value: "eu-central-1", secret: false },
  };
  const client = new S3Client({
    region: "eu-central-1",
    credentials: { accessKeyId: "a", secretAccessKey: "b" },
  });
  const s3 = mockClient(client);
  const listing = options.empty
    ? { IsTruncated: false, KeyCount: 0, Name: BUCKET }
    : fixture("ListObjectsV2.failures");
  s3.on(ListObjectsV2Command).resolves(listing);
  s3.on(GetBucketVersioningCommand).resolves(
    fixture(options.versioned ? "GetBucketVersioning.enabled" : "GetBucketVersioning.never"),
  );
  s3.on(ListObjectVersionsCommand).resolves(fixture("ListObjectVersions"));
  s3.on(DeleteObjectsCommand).resolves(fixture("DeleteObjects"));
  const regions: (string | undefined)[] = [];
  const deps: DestroyDeps = {
    openEngine: async () => engine,
    output: memoryOutput().output,
    interactive: false,
    askText: async () => "prod",
    signals: new FakeSignals(),
    s3: async (region) => {
      regions.push(region);
      return client;
    },
  };
  return { engine, s3, deps, regions };
}

describe("destroy and the failure bucket", () => {
  it("counts the failed batches first and points to redrive, destroying nothing", async () => {
    const { engine, deps, s3, regions } = setup();

    const attempt = runDestroy({ stack: "prod", yes: true, removeStack: false }, deps);

    await expect(attempt).rejects.toThrow(
      `Stack "prod" cannot be destroyed yet: its failure bucket ${BUCKET} holds 2 object(s) (2 failed batch(es) of records)`,
    );
    await expect(attempt).rejects.toMatchObject({
      hint: expect.stringContaining("bavest-signals redrive --stack prod"),
    });
    await expect(attempt).rejects.toMatchObject({
      hint: expect.stringContaining("bavest-signals destroy --stack prod --empty-failure-bucket --yes"),
    });
    expect(engine.calls).not.toContain("destroy");
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(0);
    expect(regions).toEqual(["eu-central-1"]);
  });

  it("says so before asking for --yes when there is no terminal", async () => {
    const { deps } = setup();

    const attempt = runDestroy({ stack: "prod", yes: false, removeStack: false }, deps);

    await expect(attempt).rejects.toThrow("cannot be destroyed yet");
  });

  it("wants --yes to empty the bucket", async () => {
    const { engine, deps } = setup();

    const attempt = runDestroy(
      { stack: "prod", yes: false, removeStack: false, emptyFailureBucket: true },
      { ...deps, interactive: true },
    );

    await expect(attempt).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining("needs --yes"),
    });
    expect(engine.calls).not.toContain("destroy");
  });

  it("empties the bucket, then destroys, with --empty-failure-bucket --yes", async () => {
    const { engine, deps, s3 } = setup();

    const result = await runDestroy(
      { stack: "prod", yes: true, removeStack: false, emptyFailureBucket: true },
      deps,
    );

    const deletes = s3.commandCalls(DeleteObjectsCommand);
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.args[0].input.Delete?.Objects?.map((item) => item.Key)).toEqual(
      fixture("ListObjectsV2.failures").Contents.map((item: { Key: string }) => item.Key),
    );
    expect(engine.calls).toContain("destroy");
    expect(renderDestroy(result)).toContain("2 object(s) deleted from the failure bucket first.");
  });

  it("deletes every version and delete marker of a versioned bucket", async () => {
    const { deps, s3 } = setup({ versioned: true });

    await runDestroy({ stack: "prod", yes: true, removeStack: false, emptyFailureBucket: true }, deps);

    const objects = s3.commandCalls(DeleteObjectsCommand)[0]?.args[0].input.Delete?.Objects ?? [];
    expect(objects.map((item) => item.VersionId)).toEqual([
      "3HL4kqtJlcpXroDTDmjVBH40Nrjfkd",
      "QUpfdndhfd8438MNFDN93jdnJFkdmqnh893",
      "03jpff543dhffds434rfdsFDN943fdsFkdmqnh892",
    ]);
  });

  it("does not destroy when S3 keeps an object", async () => {
    const { engine, deps, s3 } = setup();
    s3.on(DeleteObjectsCommand).resolves(fixture("DeleteObjects.denied"));

    const attempt = runDestroy(
      { stack: "prod", yes: true, removeStack: false, emptyFailureBucket: true },
      deps,
    );

    await expect(attempt).rejects.toThrow(
      /S3 kept 1 object\(s\) of processing-failures-3f2a1b9.*AccessDenied/,
    );
    expect(engine.calls).not.toContain("destroy");
  });

  it("destroys a stack whose bucket is gone already", async () => {
    const { engine, deps, s3 } = setup();
    s3.on(ListObjectsV2Command).rejects(
      Object.assign(new Error("The specified bucket does not exist"), { name: "NoSuchBucket" }),
    );

    await runDestroy({ stack: "prod", yes: true, removeStack: false }, deps);

    expect(engine.calls).toContain("destroy");
  });

  it("warns and goes on when the bucket may not be read", async () => {
    const { engine, deps, s3 } = setup();
    const captured = memoryOutput();
    s3.on(ListObjectsV2Command).rejects(Object.assign(new Error("Access Denied"), { name: "AccessDenied" }));

    await runDestroy({ stack: "prod", yes: true, removeStack: false }, { ...deps, output: captured.output });

    expect(captured.stderr()).toContain(`Could not count what ${BUCKET} holds (AccessDenied)`);
    expect(engine.calls).toContain("destroy");
  });

  it("destroys at once when the bucket is empty", async () => {
    const { engine, deps } = setup({ empty: true });

    await runDestroy({ stack: "prod", yes: true, removeStack: false }, deps);

    expect(engine.calls).toContain("destroy");
  });
});
