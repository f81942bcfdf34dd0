import {
  DescribeInstancesCommand,
  type DescribeInstancesCommandOutput,
  EC2Client,
  type InstanceStateName,
  StartInstancesCommand,
} from "@aws-sdk/client-ec2";
import {
  DescribeInstanceInformationCommand,
  type DescribeInstanceInformationCommandOutput,
  type PingStatus,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { createAwsTunnelApis } from "../../../src/tunnel/awsApis.js";
import { ensureBastionReady } from "../../../src/tunnel/bastion.js";
import { memoryOutput } from "../../helpers/memoryStreams.js";

// Response bodies shaped as the EC2 and SSM API references document them:
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstances.html,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_StartInstances.html,
// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeInstanceInformation.html
const ec2 = mockClient(EC2Client);
const ssm = mockClient(SSMClient);
afterEach(() => {
  ec2.reset();
  ssm.reset();
});

const ID = "i-0123456789abcdef0";
const described = (name: InstanceStateName, code: number): Partial<DescribeInstancesCommandOutput> => ({
  Reservations: [
    { ReservationId: "r-0a1b2c3d4e5f", Instances: [{ InstanceId: ID, State: { Code: code, Name: name } }] },
  ],
});
const information = (pingStatus: PingStatus): Partial<DescribeInstanceInformationCommandOutput> => ({
  InstanceInformationList: [
    { InstanceId: ID, PingStatus: pingStatus, PlatformType: "Linux", AgentVersion: "3.3.1142.0" },
  ],
});

describe("the bastion's EC2 and SSM calls (item P9)", () => {
  it("starts a stopped bastion with StartInstances and waits until its agent is Online", async () => {
    ec2
      .on(DescribeInstancesCommand)
      .resolvesOnce(described("stopped", 80))
      .resolvesOnce(described("pending", 0))
      .resolves(described("running", 16));
    ec2.on(StartInstancesCommand).resolves({
      StartingInstances: [
        {
          InstanceId: ID,
          CurrentState: { Code: 0, Name: "pending" },
          PreviousState: { Code: 80, Name: "stopped" },
        },
      ],
    });
    ssm
      .on(DescribeInstanceInformationCommand)
      .resolvesOnce(information("ConnectionLost"))
      .resolves(information("Online"));
    const { bastion } = await createAwsTunnelApis("eu-central-1");
    const { output, stderr } = memoryOutput();

    await ensureBastionReady(ID, {
      api: bastion,
      output,
      stack: "dev",
      pollIntervalMs: 0,
      sleep: async () => {},
    });

    expect(ec2.commandCalls(StartInstancesCommand).map((call) => call.args[0].input)).toEqual([
      { InstanceIds: [ID] },
    ]);
    expect(ssm.commandCalls(DescribeInstanceInformationCommand).at(-1)?.args[0].input).toEqual({
      Filters: [{ Key: "InstanceIds", Values: [ID] }],
    });
    expect(stderr()).toContain(`Bastion ${ID} is stopped`);
    expect(stderr()).toContain("reachable through Session Manager");
  });

  it("does not start a running, Online bastion", async () => {
    ec2.on(DescribeInstancesCommand).resolves(described("running", 16));
    ssm.on(DescribeInstanceInformationCommand).resolves(information("Online"));
    const { bastion } = await createAwsTunnelApis("eu-central-1");

    await ensureBastionReady(ID, { api: bastion, output: memoryOutput().output, stack: "dev" });

    expect(ec2.commandCalls(StartInstancesCommand)).toHaveLength(0);
  });

  it("reads InvalidInstanceID.NotFound as a bastion that is gone, pointing at deploy", async () => {
    const missing = Object.assign(new Error("The instance ID does not exist"), {
      name: "InvalidInstanceID.NotFound",
    });
    ec2.on(DescribeInstancesCommand).rejects(missing);
    const { bastion } = await createAwsTunnelApis("eu-central-1");

    await expect(bastion.instanceState(ID)).resolves.toBeUndefined();
    await expect(
      ensureBastionReady(ID, { api: bastion, output: memoryOutput().output, stack: "dev" }),
    ).rejects.toMatchObject({
      hint: expect.stringContaining("bavest-signals deploy --stack dev"),
    });
  });
});
