import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type {
  Engine,
  EngineConfigValue,
  EngineEvent,
  OperationOptions,
  OperationSummary,
  StackDeployment,
  StackOutputs,
} from "../../../src/stack/engine/types.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/engine-events/", import.meta.url));

/** A recorded engine-event sequence from test/fixtures/engine-events. */
export function recordedEvents(name: string): EngineEvent[] {
  const parsed = JSON.parse(readFileSync(`${FIXTURES}${name}.json`, "utf8")) as
    | EngineEvent[]
    | { events: EngineEvent[] };
  return Array.isArray(parsed) ? parsed : parsed.events;
}

/** The error a recorded sequence ends with, shaped like the Automation API's (same name). */
export function recordedError(name: string): Error {
  const parsed = JSON.parse(readFileSync(`${FIXTURES}${name}.json`, "utf8")) as {
    error: { name: string; message: string };
  };
  const error = new Error(parsed.error.message);
  error.name = parsed.error.name;
  return error;
}

export interface Script {
  events?: EngineEvent[];
  error?: Error;
  /** Stop after this many events and wait for the abort signal, as a real engine does on Ctrl-C. */
  pauseAfter?: number;
}

/** A stand-in for the Automation API: replays scripted events, records every call. */
export class FakeEngine implements Engine {
  readonly calls: string[] = [];
  config: Record<string, EngineConfigValue>;
  scripts: Partial<Record<"preview" | "up" | "destroy" | "refresh" | "previewRefresh", Script>> = {};
  /** What `backendUrl()` answers: the backend the state lives in. */
  backend: string | undefined = "https://api.pulumi.com";
  /** The state `exportState()` hands out and `importState()` replaces. */
  state: StackDeployment = { version: 3, deployment: { resources: [] } };
  /** Options each refresh was called with. */
  readonly refreshOptions: Array<{ clearPendingCreates?: boolean }> = [];
  stackOutputs: StackOutputs = {
    kinesis_stream_name: { value: "quotes-1a2b3c", secret: false },
    processing_lambda_name: { value: "processing-4d5e6f", secret: false },
    redis_auth_token: { value: "s3cr3t-token-value", secret: true },
  };

  constructor(
    readonly stackName = "dev",
    config: Record<string, EngineConfigValue> = {},
    readonly workDir = "/tmp/fake-work-dir",
  ) {
    this.config = { ...config };
  }

  async getAllConfig() {
    this.calls.push("getAllConfig");
    return { ...this.config };
  }
  async setConfig(key: string, value: EngineConfigValue) {
    this.calls.push(`setConfig ${key}`);
    this.config[key] = value;
  }
  async setAllConfig(config: Record<string, EngineConfigValue>) {
    this.calls.push("setAllConfig");
    Object.assign(this.config, config);
  }
  async preview(options: OperationOptions) {
    const summary = await this.play("preview", options);
    return { changeSummary: summary.resourceChanges };
  }
  async up(options: OperationOptions) {
    const summary = await this.play("up", options);
    return { outputs: this.stackOutputs, summary };
  }
  async refresh(options: OperationOptions & { clearPendingCreates?: boolean }) {
    this.refreshOptions.push({ clearPendingCreates: options.clearPendingCreates });
    return { summary: await this.play("refresh", options) };
  }
  async previewRefresh(options: OperationOptions) {
    const summary = await this.play("previewRefresh", options);
    return { changeSummary: summary.resourceChanges };
  }
  async backendUrl() {
    this.calls.push("backendUrl");
    return this.backend;
  }
  async exportState() {
    this.calls.push("exportState");
    return structuredClone(this.state);
  }
  async importState(state: StackDeployment) {
    this.calls.push("importState");
    this.state = structuredClone(state);
  }
  async destroy(options: OperationOptions) {
    return { summary: await this.play("destroy", options) };
  }
  async cancel() {
    this.calls.push("cancel");
  }
  async outputs() {
    this.calls.push("outputs");
    return this.stackOutputs;
  }
  async removeStack() {
    this.calls.push("removeStack");
  }
  async lockInfo() {
    return { locked: false };
  }

  private async play(
    name: "preview" | "up" | "destroy" | "refresh" | "previewRefresh",
    options: OperationOptions,
  ): Promise<OperationSummary> {
    this.calls.push(name);
    const script = this.scripts[name] ?? {};
    const events = script.events ?? [];
    const pauseAt = script.pauseAfter ?? events.length;
    for (const event of events.slice(0, pauseAt)) options.onEvent?.(event);
    if (script.pauseAfter !== undefined) {
      await new Promise<void>((resolve) =>
        options.signal?.addEventListener("abort", () => resolve(), { once: true }),
      );
      for (const event of events.slice(pauseAt)) options.onEvent?.(event);
      throw new Error("code: 255\n stderr: error: update canceled");
    }
    if (script.error) throw script.error;
    const summaryEvent = events.find((event) => event.summaryEvent)?.summaryEvent;
    return { result: "succeeded", resourceChanges: summaryEvent?.resourceChanges ?? {} };
  }
}
