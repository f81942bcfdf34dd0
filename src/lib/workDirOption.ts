import { Option } from "commander";

/** Where the work directory is when `--work-dir` is not given: the one wording every help uses. */
export const WORK_DIR_DEFAULT = "$BAVEST_SIGNALS_WORK_DIR or ~/.bavest-signals/pulumi";

/**
 * `--work-dir`: the folder with Pulumi.yaml and the stacks' Pulumi.<stack>.yaml, for every
 * command that reaches a deployed stack (it wins over $BAVEST_SIGNALS_WORK_DIR). Every command
 * declares it through here, so each help names the same default.
 */
export function workDirOption(
  what = "with --stack: the folder with Pulumi.yaml and Pulumi.<stack>.yaml",
): Option {
  return new Option("--work-dir <dir>", `${what} (default: ${WORK_DIR_DEFAULT})`);
}
