import { CliError, errorMessage, InterruptedError } from "../lib/errors.js";
import type { TunnelEnd, TunnelTarget } from "./types.js";

const LAST_LINES = 5;

function lastLines(text: string): string {
  return text.trim().split("\n").slice(-LAST_LINES).join("\n");
}

/** A failed StartSession call as a sentence the user can act on. */
export function startSessionError(error: unknown, target: TunnelTarget, stack: string): CliError {
  if (error instanceof CliError) return error;
  const name = (error as { name?: string }).name ?? "";
  const bastion = target.bastionInstanceId;
  if (name === "TargetNotConnected") {
    return new CliError(`Session Manager cannot reach the bastion ${bastion} (its agent is not connected).`, {
      hint: `Wait a minute for the agent, then run again: bavest-signals tunnel --stack ${stack}`,
      cause: error,
    });
  }
  if (name === "AccessDeniedException") {
    return new CliError(`The AWS credentials may not start a Session Manager session on ${bastion}.`, {
      hint: "Allow ssm:StartSession on the bastion and the AWS-StartPortForwardingSessionToRemoteHost document.",
      cause: error,
    });
  }
  if (name === "CredentialsProviderError") {
    return new CliError("No AWS credentials found for the tunnel.", {
      hint: "Sign in (aws sso login, or aws configure), then check with: bavest-signals doctor --online",
      cause: error,
    });
  }
  return new CliError(`Could not start a Session Manager session on ${bastion}: ${errorMessage(error)}`, {
    hint: "Run again with --verbose for details.",
    cause: error,
  });
}

/** The plugin quit before or while forwarding. */
export function pluginExitedError(exitCode: number | null, output: string, stack: string): CliError {
  const said = lastLines(output);
  return new CliError(
    `The Session Manager plugin exited (code ${exitCode ?? "none"})${said ? `:\n${said}` : "."}`,
    { hint: `Run again: bavest-signals tunnel --stack ${stack}` },
  );
}

/** What a caller should throw when the tunnel ended on its own rather than by close(). */
export function tunnelEndError(end: TunnelEnd, stack: string): CliError | undefined {
  if (end.reason === "signal")
    return new InterruptedError(`Interrupted (${end.signal}); the tunnel is closed.`);
  if (end.reason === "plugin-exited") return pluginExitedError(end.exitCode, end.output, stack);
  return undefined;
}
