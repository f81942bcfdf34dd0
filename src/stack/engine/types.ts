import type { Deployment, EngineEvent, OpMap } from "@pulumi/pulumi/automation";

export type { EngineEvent, OpMap };

/** A stack's state as `pulumi stack export` writes it: `{ version, deployment }`. */
export type StackDeployment = Deployment;

/** The project name every stack of this tool lives in. */
export const PROJECT_NAME = "bavest-signals";

/** One config value as the engine stores it: secrets come back decrypted, flagged. */
export interface EngineConfigValue {
  value: string;
  secret: boolean;
}

/** The inline program: runs inside the engine and returns the stack outputs. */
export type StackProgram = () => Promise<Record<string, unknown>>;

/** What every long-running operation accepts: live events and a way to cancel. */
export interface OperationOptions {
  onEvent?: (event: EngineEvent) => void;
  /** Aborting asks the engine to cancel gracefully (it receives SIGINT). */
  signal?: AbortSignal;
}

export interface ProgramOperationOptions extends OperationOptions {
  program: StackProgram;
}

export interface StackOutputValue {
  value: unknown;
  secret: boolean;
}

export type StackOutputs = Record<string, StackOutputValue>;

export interface OperationSummary {
  result: "succeeded" | "failed" | "in-progress" | "not-started";
  resourceChanges: OpMap;
}

/** Who holds the stack's update lock, when the backend says so. */
export interface StackLockInfo {
  locked: boolean;
  /** The engine's own words about the current update, if any. */
  detail?: string;
}

/**
 * The handful of stack verbs the commands need. The real implementation drives the
 * Pulumi Automation API; tests hand in a fake.
 */
export interface Engine {
  readonly stackName: string;
  /** The folder holding Pulumi.yaml and Pulumi.<stack>.yaml. */
  readonly workDir: string;
  getAllConfig(): Promise<Record<string, EngineConfigValue>>;
  setConfig(key: string, value: EngineConfigValue): Promise<void>;
  setAllConfig(config: Record<string, EngineConfigValue>): Promise<void>;
  preview(options: ProgramOperationOptions): Promise<{ changeSummary: OpMap }>;
  up(options: ProgramOperationOptions): Promise<{ outputs: StackOutputs; summary: OperationSummary }>;
  /** `clearPendingCreates` drops creates an interrupted update left pending from the state. */
  refresh(
    options: OperationOptions & { clearPendingCreates?: boolean },
  ): Promise<{ summary: OperationSummary }>;
  /** A refresh in preview mode: reads the cloud, reports in events what differs, changes nothing. */
  previewRefresh(options: OperationOptions): Promise<{ changeSummary: OpMap }>;
  destroy(options: OperationOptions): Promise<{ summary: OperationSummary }>;
  /** Cancels the update in progress elsewhere and releases the stack's lock. */
  cancel(): Promise<void>;
  outputs(): Promise<StackOutputs>;
  /** Deletes the stack and its Pulumi.<stack>.yaml (only once its resources are gone). */
  removeStack(): Promise<void>;
  lockInfo(): Promise<StackLockInfo>;
  /** The backend the state lives in (`file://...`, `s3://...`, `https://api.pulumi.com`), when known. */
  backendUrl(): Promise<string | undefined>;
  exportState(): Promise<StackDeployment>;
  importState(state: StackDeployment): Promise<void>;
}

export type StackMode = "select" | "createOrSelect";

/** Opens one stack; `select` fails with the engine's StackNotFoundError when it is missing. */
export type OpenEngine = (stackName: string, mode: StackMode) => Promise<Engine>;
