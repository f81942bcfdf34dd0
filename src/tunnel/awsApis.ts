import { CliError } from "../lib/errors.js";
import type { BastionApi, InstanceState, SessionApi, StartSessionResponse } from "./types.js";

/** The real SSM and EC2 calls the tunnel makes, loaded only when a tunnel is opened. */
export async function createAwsTunnelApis(
  region: string,
): Promise<{ session: SessionApi; bastion: BastionApi }> {
  const ssmModule = await import("@aws-sdk/client-ssm");
  const ec2Module = await import("@aws-sdk/client-ec2");
  const ssm = new ssmModule.SSMClient({ region });
  const ec2 = new ec2Module.EC2Client({ region });

  const session: SessionApi = {
    async startSession(request) {
      const response = await ssm.send(new ssmModule.StartSessionCommand(request));
      return requireSessionFields(response);
    },
    async terminateSession(sessionId) {
      await ssm.send(new ssmModule.TerminateSessionCommand({ SessionId: sessionId }));
    },
  };

  const bastion: BastionApi = {
    async instanceState(instanceId) {
      try {
        const found = await ec2.send(new ec2Module.DescribeInstancesCommand({ InstanceIds: [instanceId] }));
        return found.Reservations?.[0]?.Instances?.[0]?.State?.Name as InstanceState | undefined;
      } catch (error) {
        if ((error as { name?: string }).name === "InvalidInstanceID.NotFound") return undefined;
        throw error;
      }
    },
    async startInstance(instanceId) {
      await ec2.send(new ec2Module.StartInstancesCommand({ InstanceIds: [instanceId] }));
    },
    async isOnline(instanceId) {
      const info = await ssm.send(
        new ssmModule.DescribeInstanceInformationCommand({
          Filters: [{ Key: "InstanceIds", Values: [instanceId] }],
        }),
      );
      return info.InstanceInformationList?.some((entry) => entry.PingStatus === "Online") ?? false;
    },
  };
  return { session, bastion };
}

function requireSessionFields(response: Partial<StartSessionResponse>): StartSessionResponse {
  const { SessionId, StreamUrl, TokenValue } = response;
  if (!SessionId || !StreamUrl || !TokenValue) {
    throw new CliError("Session Manager started a session but returned no session id, stream URL or token.", {
      hint: "Run again with --verbose; if it persists, check the AWS Systems Manager service health.",
    });
  }
  return { SessionId, StreamUrl, TokenValue };
}
