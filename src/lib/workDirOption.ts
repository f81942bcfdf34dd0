import { Option } from "commander";

/**
 * `--work-dir`: the folder with Pulumi.yaml and the stacks' Pulumi.<stack>.yaml, for every
 * command that reaches a deployed stack (it wins over $BAVEST_SIGNALS_WORK_DIR).
 */
export function workDirOption(): Option {
  return new Option(
    "--work-dir <dir>",
    "with --stack: the folder with Pulumi.yaml and Pulumi.<stack>.yaml (default: $BAVEST_SIGNALS_WORK_DIR or ~/.bavest-signals/pulumi)",
  );
}
