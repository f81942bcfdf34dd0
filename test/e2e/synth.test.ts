import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PLACEHOLDER_SECRETS } from "../../src/stack/synth/runSynth.js";
import { runCli } from "../helpers/cli.js";

interface SynthDocument {
  resources: { type: string; name: string; inputs: Record<string, unknown> }[];
  outputs: Record<string, unknown>;
}

let home: string;
let workDir: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "bavest-synth-home-"));
  workDir = await mkdtemp(join(tmpdir(), "bavest-synth-work-"));
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
  await rm(workDir, { recursive: true, force: true });
});

// No AWS credentials and no Pulumi CLI on PATH: synth must need neither.
const isolated = () => ({
  BAVEST_SIGNALS_HOME: home,
  AWS_ACCESS_KEY_ID: "",
  AWS_PROFILE: "",
  PATH: "/usr/bin:/bin",
});

// Each run loads @pulumi/aws in a fresh process: allow for a loaded machine.
describe("bavest-signals synth", { timeout: 90_000 }, () => {
  it("prints only the resources and outputs as JSON, with every secret masked", async () => {
    const run = await runCli(["synth", "--json"], { env: isolated() });
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as SynthDocument;
    expect(Object.keys(document).sort()).toEqual(["outputs", "resources"]);
    const redis = document.resources.find(
      (r) => r.type === "aws:elasticache/replicationGroup:ReplicationGroup",
    );
    // The "Done when": no secret in a function's environment, no topic on
    // alias/aws/sns, failed records that outlive their pointers, a Redis memory alarm.
    expect(redis?.inputs).not.toHaveProperty("authToken");
    for (const fn of document.resources.filter((r) => r.type === "aws:lambda/function:Function")) {
      const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
      expect(Object.values(variables)).not.toContain("[secret]");
      expect(Object.keys(variables).filter((name) => /TOKEN|PASSWORD|SECRET(?!_ARN)/.test(name))).toEqual([]);
    }
    const topics = document.resources.filter((r) => r.type === "aws:sns/topic:Topic");
    expect(topics.length).toBeGreaterThan(0);
    for (const topic of topics) expect(topic.inputs.kmsMasterKeyId).not.toBe("alias/aws/sns");
    const mapping = document.resources.find(
      (r) => r.type === "aws:lambda/eventSourceMapping:EventSourceMapping",
    );
    expect(JSON.stringify(mapping?.inputs.destinationConfig)).toContain("arn:aws:s3:::");
    expect(document.outputs.failure_bucket_name).toEqual(expect.any(String));
    expect(document.resources.some((r) => r.inputs.metricName === "DatabaseMemoryUsagePercentage")).toBe(
      true,
    );
    expect(run.stdout).not.toContain(PLACEHOLDER_SECRETS.bavestApiKey);
    expect(document.outputs).toMatchObject({
      kinesis_stream_name: "quotes-stream",
      ingestion_lambda_name: "ingestion-fn",
    });
    for (const resource of document.resources)
      expect(Object.keys(resource).sort()).toEqual(["inputs", "name", "type"]);
  });

  it("uses the stack's Pulumi.<stack>.yaml from the work dir", async () => {
    await writeFile(
      join(workDir, "Pulumi.prod.yaml"),
      'config:\n  bavest-signals:shards: "3"\n  bavest-signals:bavestApiKey:\n    secure: v1:abc\n',
    );
    const run = await runCli(["synth", "--stack", "prod", "--json"], {
      env: { ...isolated(), BAVEST_SIGNALS_WORK_DIR: workDir },
    });
    expect(run.code, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as SynthDocument;
    expect(document.resources.find((r) => r.type === "aws:kinesis/stream:Stream")?.inputs.shardCount).toBe(3);
    expect(run.stderr).toContain("Pulumi.prod.yaml");
  });

  it("prints a tree by default and exits 2 naming the key of a bad setting", async () => {
    const tree = await runCli(["synth"], { env: isolated() });
    expect(tree.code, tree.stderr).toBe(0);
    expect(tree.stdout).toMatch(
      /├─ bavest-signals:stack:Cache {2}signals\n(│ {2}├─ .*\n)*│ {2}├─ aws:elasticache\/replicationGroup:ReplicationGroup {2}signals-redis/,
    );
    expect(tree.stdout).toContain("redis_primary_endpoint");

    await writeFile(join(workDir, "Pulumi.bad.yaml"), "config:\n  bavest-signals:nodeType: cache.x9.huge\n");
    const bad = await runCli(["synth", "--stack", "bad"], {
      env: { ...isolated(), BAVEST_SIGNALS_WORK_DIR: workDir },
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Config "bavest-signals:nodeType" must be a node type');
    expect(bad.stdout).toBe("");
  });

  it("synth --check passes the defaults and exits 1 on an AWS rule error, naming the rule", async () => {
    const clean = await runCli(["synth", "--check", "--json"], { env: isolated() });
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain("AWS rules: no findings.");
    // A resource type the provider has deprecated is replaced on some later upgrade: none is used.
    expect(clean.stderr).not.toMatch(/deprecated/i);

    // Valid values one by one, but the stream forgets records before the mapping gives up.
    await writeFile(
      join(workDir, "Pulumi.gate.yaml"),
      'config:\n  bavest-signals:maxRecordAgeSeconds: "172800"\n  bavest-signals:alarms: "false"\n  bavest-signals:alarmEmail: ops@example.com\n',
    );
    const env = { ...isolated(), BAVEST_SIGNALS_WORK_DIR: workDir };
    const shown = await runCli(["synth", "--stack", "gate", "--json"], { env });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stderr).toMatch(/error: bavest-signals:maxRecordAgeSeconds: .*record-age-within-retention/);
    expect(shown.stderr).toMatch(/warning: bavest-signals:alarmEmail: .*alarm-email-without-alarms/);
    const gated = await runCli(["synth", "--stack", "gate", "--check", "--json"], { env });
    expect(gated.code).toBe(1);
    expect(gated.stderr).toContain("synth --check: 1 AWS rule error(s): record-age-within-retention.");
    // The document is still the whole synthesis: the gate adds an exit code, not a new format.
    expect(Object.keys(JSON.parse(gated.stdout)).sort()).toEqual(["outputs", "resources"]);
  });
});
