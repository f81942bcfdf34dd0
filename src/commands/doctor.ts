import { Command, Option } from "commander";
import {
  type CheckResult,
  evaluateChecks,
  PURPOSES,
  type Purpose,
  relevantChecks,
} from "../doctor/checks.js";
import { gatherMachineFacts } from "../doctor/probes.js";
import { type ContextIo, contextFor } from "../lib/context.js";
import { CliError } from "../lib/errors.js";
import { createStyle } from "../lib/style.js";

export interface DoctorReport {
  ok: boolean;
  purposes: Purpose[];
  checks: CheckResult[];
}

export async function runDoctor(options: {
  purposes: Purpose[];
  online: boolean;
  env: NodeJS.ProcessEnv;
}): Promise<DoctorReport> {
  const facts = await gatherMachineFacts(options.env, options.online);
  const checks = relevantChecks(evaluateChecks(facts), options.purposes);
  return { ok: checks.every((check) => check.ok), purposes: options.purposes, checks };
}

export function renderDoctor(report: DoctorReport, fancy: boolean): string {
  const style = createStyle(fancy);
  const width = Math.max(...report.checks.map((check) => check.name.length));
  const lines = report.checks.map((check) => {
    const mark = check.ok ? style.green("ok  ") : style.red("FAIL");
    const row = `${mark} ${check.name.padEnd(width)}  ${check.detail}  ${style.dim(`(${check.neededFor.join(", ")})`)}`;
    return check.fix ? `${row}\n     ${" ".repeat(width)}  fix: ${check.fix}` : row;
  });
  const failed = report.checks.filter((check) => !check.ok).length;
  lines.push("", failed === 0 ? "Everything needed is in place." : `${failed} check(s) failed.`);
  return lines.join("\n");
}

export function doctorCommand(io: ContextIo): Command {
  return new Command("doctor")
    .description(
      "check the prerequisites: Node.js, redis-server, the Pulumi CLI, the Session Manager plugin, AWS",
    )
    .addOption(
      new Option("--only <purpose...>", "check only what these workflows need").choices([...PURPOSES]),
    )
    .option("--online", "also ask AWS STS who the credentials belong to (a network call)")
    .action(async function (this: Command) {
      const context = contextFor(this, io);
      const options = this.opts<{ only?: Purpose[]; online?: boolean }>();
      const report = await runDoctor({
        purposes: options.only ?? [],
        online: options.online === true,
        env: context.env,
      });
      context.output.result(report, () => renderDoctor(report, context.output.fancy));
      if (!report.ok) {
        const failed = report.checks.filter((check) => !check.ok).map((check) => check.name);
        throw new CliError(`Missing prerequisites: ${failed.join(", ")}.`, {
          hint: "Apply the fixes above, then run: bavest-signals doctor",
        });
      }
    });
}
