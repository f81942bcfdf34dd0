import { describe, expect, it } from "vitest";
import { renderUnlock, runUnlock } from "../../../src/commands/unlock.js";
import { FakeEngine } from "./fakeEngine.js";

function deps(engine: FakeEngine, answer: boolean, interactive = true) {
  const asked: string[] = [];
  return {
    asked,
    deps: {
      openEngine: async () => engine,
      interactive,
      confirm: async (message: string) => {
        asked.push(message);
        return answer;
      },
    },
  };
}

describe("unlock", () => {
  it("cancels the stack's update after the user confirms, and says what to run next", async () => {
    const engine = new FakeEngine("prod");
    const { asked, deps: unlockDeps } = deps(engine, true);

    const result = await runUnlock({ stack: "prod", yes: false }, unlockDeps);

    expect(result).toMatchObject({ stack: "prod", unlocked: true, backend: "service" });
    expect(engine.calls).toContain("cancel");
    expect(asked[0]).toContain('stack "prod"');
    expect(renderUnlock(result)).toContain("bavest-signals deploy --stack prod --refresh");
  });

  it("changes nothing when the user says no", async () => {
    const engine = new FakeEngine("prod");
    const result = await runUnlock({ stack: "prod", yes: false }, deps(engine, false).deps);
    expect(result.unlocked).toBe(false);
    expect(engine.calls).not.toContain("cancel");
  });

  it("says a stack that does not exist before asking for --yes", async () => {
    const { mapEngineError } = await import("../../../src/stack/engine/errors.js");
    const missing = new Error("no stack named 'prod' found");
    missing.name = "StackNotFoundError";
    const { deps: unlockDeps } = deps(new FakeEngine("prod"), true, false);

    const attempt = runUnlock(
      { stack: "prod", yes: false },
      {
        ...unlockDeps,
        openEngine: async (name) => {
          throw mapEngineError(missing, name);
        },
      },
    );

    await expect(attempt).rejects.toThrow('Stack "prod" does not exist.');
  });

  it("refuses without a terminal unless --yes, and with --yes asks nothing", async () => {
    const engine = new FakeEngine("prod");
    await expect(
      runUnlock({ stack: "prod", yes: false }, deps(engine, true, false).deps),
    ).rejects.toMatchObject({
      message: expect.stringContaining("no terminal"),
      hint: expect.stringContaining("bavest-signals unlock --stack prod --yes"),
    });
    expect(engine.calls).not.toContain("cancel");

    const { asked, deps: yesDeps } = deps(engine, false, false);
    expect(await runUnlock({ stack: "prod", yes: true }, yesDeps)).toMatchObject({
      stack: "prod",
      unlocked: true,
    });
    expect(asked).toEqual([]);
  });
});
