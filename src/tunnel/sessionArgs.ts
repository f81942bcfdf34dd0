import type { StartSessionRequest, StartSessionResponse, TunnelTarget } from "./types.js";

/** The Session Manager document that forwards a local port to a host reachable from the bastion. */
export const PORT_FORWARDING_DOCUMENT = "AWS-StartPortForwardingSessionToRemoteHost";

/** The StartSession request that forwards `localPort` to the Redis endpoint through the bastion. */
export function buildStartSessionRequest(target: TunnelTarget, localPort: number): StartSessionRequest {
  return {
    Target: target.bastionInstanceId,
    DocumentName: PORT_FORWARDING_DOCUMENT,
    Parameters: {
      host: [target.redisHost],
      portNumber: [String(target.redisPort)],
      localPortNumber: [String(localPort)],
    },
  };
}

/** The public SSM endpoint of a region (China regions live under amazonaws.com.cn). */
export function ssmEndpointUrl(region: string): string {
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return `https://ssm.${region}.${suffix}`;
}

/**
 * The plugin's arguments, in the order the AWS CLI passes them:
 * `<response JSON> <region> StartSession <profile or ""> <request JSON> <ssm endpoint URL>`.
 */
export function buildPluginArgs(options: {
  response: StartSessionResponse;
  request: StartSessionRequest;
  region: string;
  profile: string | undefined;
  endpointUrl?: string;
}): string[] {
  const response = {
    SessionId: options.response.SessionId,
    StreamUrl: options.response.StreamUrl,
    TokenValue: options.response.TokenValue,
  };
  return [
    JSON.stringify(response),
    options.region,
    "StartSession",
    options.profile ?? "",
    JSON.stringify(options.request),
    options.endpointUrl ?? ssmEndpointUrl(options.region),
  ];
}
