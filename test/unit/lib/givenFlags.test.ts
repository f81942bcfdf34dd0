import { Command, Option } from "commander";
import { describe, expect, it } from "vitest";
import { givenFlags, hintCommand } from "../../../src/lib/givenFlags.js";

/** A program shaped like the CLI's: global target and mode flags, commands with their own. */
function parsed(argv: string[]): Command {
  let ran: Command | undefined;
  const program = new Command("bavest-signals")
    .option("--stack <name>")
    .addOption(new Option("--local").conflicts("stack"))
    .option("--json")
    .exitOverride();
  const capture = function (this: Command) {
    ran = this;
  };
  program.addCommand(
    new Command("doctor").addOption(new Option("--only <purpose...>")).option("--online").action(capture),
  );
  program.addCommand(
    new Command("replay").argument("<file>").option("--wait").option("--work-dir <dir>").action(capture),
  );
  program.addCommand(new Command("inspect").option("--work-dir <dir>").action(capture));
  program.addCommand(new Command("status").action(capture));
  program.parse(argv, { from: "user" });
  if (!ran) throw new Error("no command ran");
  return ran;
}

describe("the flags a hint repeats", () => {
  it("repeats --local and --json, not the command's other flags", () => {
    const replay = parsed(["replay", "q.jsonl", "--local", "--wait", "--json"]);
    expect(hintCommand(replay, ["inspect"])).toBe("bavest-signals inspect --local --json");
  });

  it("repeats --stack and --work-dir where the named command takes --work-dir, and only there", () => {
    const replay = parsed(["--stack", "prod", "replay", "q.jsonl", "--work-dir", "/my dir"]);
    expect(hintCommand(replay, ["inspect"])).toBe('bavest-signals inspect --stack prod --work-dir "/my dir"');
    expect(hintCommand(replay, ["status"])).toBe("bavest-signals status --stack prod");
  });

  it("repeats doctor's --only when doctor is run again", () => {
    const doctor = parsed(["doctor", "--only", "cloud", "tunnel", "--online"]);
    expect(hintCommand(doctor)).toBe("bavest-signals doctor --only cloud tunnel");
    expect(givenFlags(doctor, "status")).toEqual([]);
  });

  it("repeats nothing the user did not type", () => {
    expect(hintCommand(parsed(["status"]))).toBe("bavest-signals status");
  });

  it("puts the arguments after the flags when asked to", () => {
    const replay = parsed(["replay", "q.jsonl", "--local"]);
    expect(hintCommand(replay, ["replay"], ["q.jsonl", "--from", "3"])).toBe(
      "bavest-signals replay --local q.jsonl --from 3",
    );
  });
});
