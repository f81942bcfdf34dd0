import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EC2Client } from "@aws-sdk/client-ec2";
import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { STSClient } from "@aws-sdk/client-sts";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { CLOUD_CHECKS } from "../../src/preflight/checks/index.js";
import { runCheck } from "../../src/preflight/run.js";
import { defaultStackConfig } from "../../src/stack/config.js";
import type { RecordedCall } from "../../src/stack/synth/mocks.js";
import { runSynth, type SynthResource } from "../../src/stack/synth/runSynth.js";
import { checkContext, mockedAws, notFound } from "../unit/preflight/harness.js";

// The real SDK clients against a local stand-in answering in the query protocol's XML, as the
// API references show it: the checks read what the SDK makes of AWS's own bytes, errors included.
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html#API_DescribeInstanceTypeOfferings_Examples
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
const OFFERINGS = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstanceTypeOfferingsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>1e1a4b4f-ab42-4a0b-9f6b-0a1b2c3d4e5f</requestId>
  <instanceTypeOfferingSet>
    <item><instanceType>t4g.nano</instanceType><locationType>availability-zone</locationType><location>eu-central-1a</location></item>
  </instanceTypeOfferingSet>
</DescribeInstanceTypeOfferingsResponse>`;
const ZONES = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeAvailabilityZonesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>2e1a4b4f-ab42-4a0b-9f6b-0a1b2c3d4e5f</requestId>
  <availabilityZoneInfo>
    <item><zoneName>eu-central-1a</zoneName><zoneState>available</zoneState><regionName>eu-central-1</regionName><zoneId>euc1-az2</zoneId><optInStatus>opt-in-not-required</optInStatus></item>
    <item><zoneName>eu-central-1b</zoneName><zoneState>available</zoneState><regionName>eu-central-1</regionName><zoneId>euc1-az3</zoneId><optInStatus>opt-in-not-required</optInStatus></item>
  </availabilityZoneInfo>
</DescribeAvailabilityZonesResponse>`;
const ec2Error = (code: string, message: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>3e1a4b4f-ab42-4a0b-9f6b-0a1b2c3d4e5f</RequestID></Response>`;
// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html#API_GetCallerIdentity_Examples
const IDENTITY = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:sts::123456789012:assumed-role/Deployer/deployer</Arn>
    <UserId>AROA3XFRBF535PLBIFPI4:deployer</UserId>
    <Account>123456789012</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>4e1a4b4f-ab42-4a0b-9f6b-0a1b2c3d4e5f</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>`;

// https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DescribeUsers.html#API_DescribeUsers_Errors
const cacheError = (code: string) => `<ErrorResponse xmlns="http://elasticache.amazonaws.com/doc/2015-02-02/">
  <Error><Type>Sender</Type><Code>${code}</Code><Message>${code}</Message></Error>
  <RequestId>5e1a4b4f-ab42-4a0b-9f6b-0a1b2c3d4e5f</RequestId>
</ErrorResponse>`;

type Answer = { status: number; body: string };
let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function body(req: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text;
}

/** A query-protocol stand-in: answers by the `Action` of the form-encoded body. */
async function standIn(answers: Record<string, Answer>): Promise<string> {
  server = createServer(async (req, res) => {
    const action = new URLSearchParams(await body(req)).get("Action") ?? "";
    const answer = answers[action] ?? { status: 400, body: ec2Error("InvalidAction", action) };
    res.writeHead(answer.status, { "content-type": "text/xml" });
    res.end(answer.body);
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let program: { resources: SynthResource[]; calls: RecordedCall[] };
beforeAll(async () => {
  program = await runSynth({ config: defaultStackConfig(), stack: "dev", bundleDir: "/tmp/bundles" });
});

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" };
function check(id: string) {
  const found = CLOUD_CHECKS.find((item) => item.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

async function contextWith(answers: Record<string, Answer>) {
  const endpoint = await standIn(answers);
  const options = { region: "eu-central-1", endpoint, credentials, maxAttempts: 1 };
  const { aws, mocks } = mockedAws();
  // Kinesis speaks HTTP/2 and JSON: it stays mocked here.
  mocks.kinesis.on(DescribeStreamSummaryCommand).rejects(notFound("DescribeStreamSummary"));
  const real = {
    ...aws,
    ec2: new EC2Client(options),
    sts: new STSClient(options),
    elasticache: new ElastiCacheClient(options),
  };
  const context = checkContext(program, real);
  return {
    ...context,
    callerIdentity: async () => {
      const { GetCallerIdentityCommand } = await import("@aws-sdk/client-sts");
      const answer = await real.sts.send(new GetCallerIdentityCommand({}));
      return { account: answer.Account ?? "", arn: answer.Arn ?? "" };
    },
  };
}

describe("preflight checks through the real SDK clients", () => {
  it("read AWS's XML answers: who, and where the bastion's type is offered", async () => {
    const context = await contextWith({
      GetCallerIdentity: { status: 200, body: IDENTITY },
      DescribeAvailabilityZones: { status: 200, body: ZONES },
      DescribeInstanceTypeOfferings: { status: 200, body: OFFERINGS },
    });

    const identity = await runCheck(check("identity"), context);
    const offering = await runCheck(check("bastion-instance-type"), context);

    expect(identity.detail).toBe(
      "account 123456789012 as arn:aws:sts::123456789012:assumed-role/Deployer/deployer, region eu-central-1",
    );
    expect(offering).toMatchObject({ ok: true, detail: "t4g.nano is offered in eu-central-1a" });
  });

  it("name EC2's own throttling and refusal codes as the SDK parses them", async () => {
    const throttled = await contextWith({
      DescribeAvailabilityZones: {
        status: 503,
        body: ec2Error("RequestLimitExceeded", "Request limit exceeded."),
      },
    });
    const denied = await contextWith({
      DescribeAvailabilityZones: {
        status: 403,
        body: ec2Error("UnauthorizedOperation", "You are not authorized to perform this operation."),
      },
    });

    const slow = await runCheck(check("bastion-instance-type"), throttled);
    const refused = await runCheck(check("bastion-instance-type"), denied);

    expect(slow).toMatchObject({
      ok: false,
      fix: "Run again in a minute: bavest-signals preflight --stack dev",
    });
    expect(slow.detail).toContain("(RequestLimitExceeded)");
    expect(refused.detail).toContain("(UnauthorizedOperation)");
    expect(refused.fix).toContain("ec2:DescribeAvailabilityZones, ec2:DescribeInstanceTypeOfferings");
  });

  it("take ElastiCache's 404 UserNotFound and UserGroupNotFound as free names", async () => {
    const context = await contextWith({
      DescribeUsers: { status: 404, body: cacheError("UserNotFound") },
      DescribeUserGroups: { status: 404, body: cacheError("UserGroupNotFound") },
    });

    const result = await runCheck(check("names-free"), context);

    expect(result).toMatchObject({ ok: true });
    expect(result.detail).toContain(
      "free: bavest-dev-b358bf-default, bavest-dev-b358bf, bavest-dev-b358bf-users",
    );
  });
});
