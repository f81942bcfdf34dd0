import { Command, Option } from "commander";
import {
  type CheckResult,
  doctorSucceeded,
  evaluateChecks,
  PURPOSES,
  type Purpose,
  relevantChecks,
  type WorkflowReadiness,
  workflowReadiness,
} from "../doctor/checks.js";
import { gatherMachineFacts } from "../doctor/probes.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import { CliError } from "../lib/errors.js";
import { hintCommand } from "../lib/givenFlags.js";
import { createStyle } from "../lib/style.js";

export interface DoctorReport {
  /** Doctor's verdict: what was asked for (`--only`, or at least one workflow) is ready. */
  ok: boolean;
  purposes: Purpose[];
  /** Each workflow looked at: ready, or the checks it still needs. */
  workflows: WorkflowReadiness[];
  checks: CheckResult[];
}

export async function runDoctor(options: {
  purposes: Purpose[];
  online: boolean;
  env: NodeJS.ProcessEnv;
}): Promise<DoctorReport> {
  const facts = await gatherMachineFacts(options.env, options.online);
  const checks = relevantChecks(evaluateChecks(facts), options.purposes);
  const looked = options.purposes.length > 0 ? options.purposes : [...PURPOSES];
  const workflows = workflowReadiness(checks, looked);
  return { ok: doctorSucceeded(workflows, options.purposes), purposes: options.purposes, workflows, checks };
}

/** `local: ready, cloud: needs pulumi, aws-credentials`. */
export function readinessLine(workflows: WorkflowReadiness[]): string {
  return workflows
    .map(
      (workflow) =>
        `${workflow.purpose}: ${workflow.ready ? "ready" : `needs ${workflow.missing.join(", ")}`}`,
    )
    .join("; ");
}

export function renderDoctor(report: DoctorReport, fancy: boolean): string {
  const style = createStyle(fancy);
  const width = Math.max(...report.checks.map((check) => check.name.length));
  const lines = report.checks.map((check) => {
    const mark = check.ok ? style.green("ok  ") : style.red("FAIL");
    const row = `${mark} ${check.name.padEnd(width)}  ${check.detail}  ${style.dim(`(${check.neededFor.join(", ")})`)}`;
    return check.fix ? `${row}\n     ${" ".repeat(width)}  fix: ${check.fix}` : row;
  });
  lines.push("", style.bold(readinessLine(report.workflows)));
  const notReady = report.workflows.filter((workflow) => !workflow.ready);
  if (notReady.length === 0) lines.push("Everything needed is in place.");
  else if (report.ok && report.purposes.length === 0) {
    const only = notReady.map((workflow) => workflow.purpose).join(" ");
    lines.push(
      `Apply the fixes above when you need it; to check one workflow: bavest-signals doctor --only ${only}`,
    );
  }
  return lines.join("\n");
}

export function doctorCommand(io: ContextIo): Command {
  return new Command("doctor")
    .description("check what the local pipeline, the cloud and the tunnel need, with a fix for each gap")
    .addOption(
      new Option("--only <purpose...>", "check only what these workflows need: local, cloud, tunnel").choices(
        [...PURPOSES],
      ),
    )
    .option(
      "--online",
      "also ask AWS STS who the credentials belong to, and Bavest which API versions BAVEST_API_KEY answers (network calls)",
    )
    .addHelpText(
      "after",
      "\nChecks Node.js, redis-server, the Pulumi CLI, the Session Manager plugin, AWS credentials and region.\n" +
        "Exit 1 when a workflow given with --only is not ready; without --only, only when none of\n" +
        "local, cloud and tunnel is ready (the summary line says which need what).",
    )
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const options = this.opts<{ only?: Purpose[]; online?: boolean }>();
      const report = await runDoctor({
        purposes: options.only ?? [],
        online: options.online === true,
        env: context.env,
      });
      context.output.result(report, () => renderDoctor(report, context.output.stdoutFancy));
      if (!report.ok) {
        const missing = [...new Set(report.workflows.flatMap((workflow) => workflow.missing))];
        throw new CliError(
          `Missing prerequisites: ${missing.join(", ")} (${readinessLine(report.workflows)}).`,
          {
            hint: `Apply the fixes above, then run: ${hintCommand(this)}`,
          },
        );
      }
    });
}
