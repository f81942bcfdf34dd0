import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("diff, drift and unlock without the Pulumi CLI", () => {
  it.each([
    ["diff", "--exit-code"],
    ["drift", "--exit-code"],
    ["unlock", "--yes"],
  ])(
    "%s exits 1 with the install link and prints only the error document on stdout under --json",
    async (command, flag) => {
      const home = await mkdtemp(join(tmpdir(), "bavest-stack-cmd-"));
      const run = await runCli([command, flag, "--stack", "dev", "--json"], {
        env: {
          BAVEST_SIGNALS_HOME: home,
          PATH: "/usr/bin:/bin",
          PULUMI_BACKEND_URL: `file://${home}/state`,
          PULUMI_CONFIG_PASSPHRASE: "test",
        },
      });

      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({
        error: { message: expect.stringContaining("The Pulumi CLI is not installed."), exitCode: 1 },
      });
      expect(run.stderr).toContain("The Pulumi CLI is not installed.");
      expect(run.stderr).toContain("https://www.pulumi.com/docs/install/");
    },
  );

  it("lists redrive, diff, drift and unlock in --help", async () => {
    const run = await runCli(["--help"]);
    for (const command of ["redrive", "diff", "drift", "unlock"])
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
  });
});
