import { describe, expect, it } from "vitest";
import {
  buildPluginArgs,
  buildStartSessionRequest,
  ssmEndpointUrl,
} from "../../../src/tunnel/sessionArgs.js";

const target = {
  bastionInstanceId: "i-1",
  redisHost: "master.x.cache.amazonaws.com",
  redisPort: 6379,
  region: "eu-central-1",
  authToken: "never-in-args",
};

describe("session arguments", () => {
  it("asks the port-forwarding document for the Redis endpoint and the local port, as strings", () => {
    expect(buildStartSessionRequest(target, 40123)).toEqual({
      Target: "i-1",
      DocumentName: "AWS-StartPortForwardingSessionToRemoteHost",
      Parameters: {
        host: ["master.x.cache.amazonaws.com"],
        portNumber: ["6379"],
        localPortNumber: ["40123"],
      },
    });
  });

  it("orders the plugin arguments like the AWS CLI and keeps the AUTH token out of them", () => {
    const request = buildStartSessionRequest(target, 40123);
    const response = { SessionId: "s", StreamUrl: "wss://x", TokenValue: "t" };

    const args = buildPluginArgs({ response, request, region: "eu-central-1", profile: undefined });

    expect(args).toEqual([
      JSON.stringify(response),
      "eu-central-1",
      "StartSession",
      "",
      JSON.stringify(request),
      "https://ssm.eu-central-1.amazonaws.com",
    ]);
    expect(args.join(" ")).not.toContain("never-in-args");
  });

  it("uses the China partition's domain for cn- regions", () => {
    expect(ssmEndpointUrl("cn-north-1")).toBe("https://ssm.cn-north-1.amazonaws.com.cn");
  });
});
