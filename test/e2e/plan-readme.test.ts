import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// The README's own `plan` lines, run as written: `bavest-signals plan ARGS   # exit N: `text`, `text``.
const README = fileURLToPath(new URL("../../README.md", import.meta.url));

interface ReadmePlanLine {
  args: string[];
  exitCode: number;
  expected: string[];
}

/** Every `bavest-signals plan ...` line of the README's code blocks, with what its comment promises. */
async function readmePlanLines(): Promise<ReadmePlanLine[]> {
  const text = await readFile(README, "utf8");
  const blocks = [...text.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");
  return blocks
    .flatMap((block) => block.split("\n"))
    .filter((line) => line.startsWith("bavest-signals plan "))
    .map((line) => {
      const [command = "", comment = ""] = line.split(/\s+#\s+/, 2);
      const exit = /^exit (\d)/.exec(comment);
      if (!exit) throw new Error(`README plan line without "# exit N": ${line}`);
      return {
        args: command.trim().split(/\s+/).slice(1),
        exitCode: Number(exit[1]),
        expected: [...comment.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? ""),
      };
    });
}

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "bavest-plan-readme-"));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe("the README's plan lines", { timeout: 60_000 }, () => {
  it("include the 5,000-symbol example that needs a cache.m6g.large", async () => {
    const lines = await readmePlanLines();
    expect(lines.some((line) => line.args.includes("5000") && line.exitCode === 1)).toBe(true);
    expect(lines.flatMap((line) => line.expected).join(" ")).toContain("cache.m6g.large");
  });

  it("give the answers the README says", async () => {
    for (const line of await readmePlanLines()) {
      // No stack file in this home: the defaults and the line's flags, as on a first day.
      const run = await runCli(line.args, { env: { BAVEST_SIGNALS_HOME: home, PATH: "/usr/bin:/bin" } });
      expect(run.code, `${line.args.join(" ")}\n${run.stdout}\n${run.stderr}`).toBe(line.exitCode);
      for (const text of line.expected) expect(run.stdout + run.stderr).toContain(text);
    }
  });
});
