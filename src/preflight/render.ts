import type { PreflightReport } from "./types.js";

/** One line per check, the fix under each failure, and the verdict last. */
export function renderPreflight(
  report: PreflightReport,
  stack: string,
  style?: { green(text: string): string; red(text: string): string },
): string {
  const pass = (text: string) => (style ? style.green(text) : text);
  const fail = (text: string) => (style ? style.red(text) : text);
  const width = Math.max(...report.checks.map((check) => check.id.length));
  const lines = report.checks.flatMap((check) => {
    const mark = check.ok ? pass("ok  ") : fail("FAIL");
    const line = `${mark} ${check.id.padEnd(width)}  ${check.detail}`;
    return check.ok || !check.fix
      ? [line]
      : [
          line,
          `     ${" ".repeat(width)}  Fix: ${check.fix}`,
          `     ${" ".repeat(width)}  See: ${check.doc}`,
        ];
  });
  const failed = report.checks.filter((check) => !check.ok).length;
  lines.push(
    "",
    report.ok
      ? `Stack "${stack}" can be created: every check passed.`
      : `Stack "${stack}": ${failed} check(s) failed. Fix them, then run: bavest-signals preflight --stack ${stack}`,
  );
  return lines.join("\n");
}
