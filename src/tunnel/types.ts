/** Where the tunnel goes: the stack outputs it is built from (credentials travel separately). */
export interface TunnelTarget {
  /** EC2 instance id of the bastion (stack output `bastion_instance_id`). */
  bastionInstanceId: string;
  /** ElastiCache primary endpoint (stack output `redis_primary_endpoint`); also the TLS name checked. */
  redisHost: string;
  /** Redis port (stack output `redis_port`). */
  redisPort: number;
  /** AWS region of the stack (stack output `region`). */
  region: string;
}

/** Options ready to hand to `new Redis(...)` from ioredis: TLS through the local end of the tunnel. */
export interface TunnelRedisOptions {
  host: "127.0.0.1";
  port: number;
  /** The certificate is checked against the ElastiCache name, not against 127.0.0.1. */
  tls: { servername: string };
  /** No CLIENT SETINFO on connect: the cache's user is granted no CLIENT command (cacheSettings.ts). */
  disableClientInfo: true;
}

/** How a tunnel ended without `close()` being called first. */
export type TunnelEnd =
  | { reason: "closed" }
  | { reason: "signal"; signal: NodeJS.Signals }
  | { reason: "plugin-exited"; exitCode: number | null; output: string };

/** An open tunnel: connect ioredis with `redisOptions`, always `close()` when done. */
export interface TunnelConnection {
  localPort: number;
  redisOptions: TunnelRedisOptions;
  /** PID of the session-manager-plugin process that carries the traffic. */
  pluginPid: number;
  sessionId: string;
  /** Settles once the tunnel is down, whatever the cause. Never rejects. */
  ended: Promise<TunnelEnd>;
  /** Terminates the session and stops the plugin; safe to call more than once. */
  close(): Promise<void>;
}

/** The body of a Session Manager StartSession request for port forwarding to a remote host. */
export interface StartSessionRequest {
  Target: string;
  DocumentName: "AWS-StartPortForwardingSessionToRemoteHost";
  Parameters: { host: string[]; portNumber: string[]; localPortNumber: string[] };
}

/** The parts of a StartSession response the plugin needs. */
export interface StartSessionResponse {
  SessionId: string;
  StreamUrl: string;
  TokenValue: string;
}

/** Session Manager calls (SSM), injectable so tests run without AWS. */
export interface SessionApi {
  startSession(request: StartSessionRequest): Promise<StartSessionResponse>;
  terminateSession(sessionId: string): Promise<void>;
}

/** The EC2 instance states DescribeInstances reports. */
export type InstanceState = "pending" | "running" | "shutting-down" | "terminated" | "stopping" | "stopped";

/** EC2 and SSM calls about the bastion, injectable so tests run without AWS. */
export interface BastionApi {
  /** The instance state, or undefined when no such instance exists. */
  instanceState(instanceId: string): Promise<InstanceState | undefined>;
  startInstance(instanceId: string): Promise<void>;
  /** True when Session Manager lists the instance as Online (its agent is connected). */
  isOnline(instanceId: string): Promise<boolean>;
}

/** The program to run as the Session Manager plugin, with arguments placed before the standard ones. */
export interface PluginCommand {
  command: string;
  leadingArgs?: string[];
}
