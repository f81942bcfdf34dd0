import { CliError } from "../lib/errors.js";
import type { Output } from "../lib/output.js";
import { startProgress } from "../lib/progress.js";
import type { BastionApi, InstanceState } from "./types.js";

export interface BastionWaitOptions {
  api: BastionApi;
  output: Output;
  /** The stack name, for the commands the messages suggest. */
  stack: string;
  /** Between two polls; tests pass 0. */
  pollIntervalMs?: number;
  /** Polls before giving up on one wait (running, then Online). */
  maxPolls?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Rejects when the user interrupts, so a long wait stops at once. */
  interrupted?: Promise<never>;
}

const DEFAULT_POLL_INTERVAL_MS = 5_000;
// 60 polls of 5 s: a stopped t4g.nano usually runs in under a minute and registers soon after.
const DEFAULT_MAX_POLLS = 60;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function pollUntil(
  check: () => Promise<boolean>,
  options: BastionWaitOptions,
  describeTimeout: () => CliError,
): Promise<void> {
  const sleep = options.sleep ?? defaultSleep;
  const maxPolls = options.maxPolls ?? DEFAULT_MAX_POLLS;
  for (let poll = 0; poll < maxPolls; poll++) {
    const done = options.interrupted ? await Promise.race([check(), options.interrupted]) : await check();
    if (done) return;
    const pause = sleep(options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
    await (options.interrupted ? Promise.race([pause, options.interrupted]) : pause);
  }
  throw describeTimeout();
}

function goneError(instanceId: string, state: InstanceState | undefined, stack: string): CliError {
  const what = state === undefined ? "does not exist" : `is ${state}`;
  return new CliError(`The bastion ${instanceId} of stack "${stack}" ${what}.`, {
    hint: `Deploy the stack again to recreate it. Run: bavest-signals deploy --stack ${stack}`,
  });
}

/**
 * Makes sure the bastion can carry a Session Manager session: starts it when stopped, waits
 * until EC2 reports it running and Session Manager lists it Online, with progress on stderr.
 */
export async function ensureBastionReady(instanceId: string, options: BastionWaitOptions): Promise<void> {
  const { api, stack } = options;
  const state = await api.instanceState(instanceId);
  if (state === undefined || state === "terminated" || state === "shutting-down") {
    throw goneError(instanceId, state, stack);
  }
  if (state === "running" && (await api.isOnline(instanceId))) return;

  const progress = await startProgress(options.output, `Bastion ${instanceId} is ${state}`);
  try {
    if (state === "stopping") {
      progress.update(`Waiting for bastion ${instanceId} to stop before starting it again`);
      await pollUntil(
        async () => (await api.instanceState(instanceId)) === "stopped",
        options,
        () => timeoutError(instanceId, "stop", stack),
      );
    }
    if (state === "stopped" || state === "stopping") {
      progress.update(`Starting bastion ${instanceId}`);
      await api.startInstance(instanceId);
    }
    progress.update(`Waiting for bastion ${instanceId} to run`);
    await pollUntil(
      async () => {
        const now = await api.instanceState(instanceId);
        if (now === "terminated" || now === "shutting-down" || now === undefined) {
          throw goneError(instanceId, now, stack);
        }
        return now === "running";
      },
      options,
      () => timeoutError(instanceId, "run", stack),
    );
    progress.update(`Waiting for Session Manager to see bastion ${instanceId}`);
    await pollUntil(
      () => api.isOnline(instanceId),
      options,
      () => offlineError(instanceId, stack),
    );
    progress.succeed(`Bastion ${instanceId} is running and reachable through Session Manager.`);
  } catch (error) {
    progress.fail(`Bastion ${instanceId} is not ready.`);
    throw error;
  }
}

function timeoutError(instanceId: string, goal: string, stack: string): CliError {
  return new CliError(`The bastion ${instanceId} did not ${goal} in time.`, {
    hint: `Check it in the EC2 console, then run again: bavest-signals tunnel --stack ${stack}`,
  });
}

function offlineError(instanceId: string, stack: string): CliError {
  return new CliError(`Session Manager does not list the bastion ${instanceId} as Online.`, {
    hint:
      "Its SSM agent may still be starting, or the instance lacks its AmazonSSMManagedInstanceCore role. " +
      `Wait a minute and run again: bavest-signals tunnel --stack ${stack}`,
  });
}
