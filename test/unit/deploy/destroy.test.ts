import { describe, expect, it } from "vitest";
import { type DestroyDeps, renderDestroy, runDestroy } from "../../../src/deploy/runDestroy.js";
import { missingCliError } from "../../../src/stack/engine/errors.js";
import { memoryOutput } from "../../helpers/memoryStreams.js";
import { FakeEngine } from "../engine/fakeEngine.js";
import { FakeSignals } from "./testOutput.js";

function setup(typed: string) {
  const engine = new FakeEngine("prod");
  const deps: DestroyDeps = {
    openEngine: async () => engine,
    output: memoryOutput().output,
    interactive: true,
    askText: async () => typed,
    signals: new FakeSignals(),
  };
  return { engine, deps };
}

describe("destroy", () => {
  it("destroys only after the stack name is typed, and removes the stack on request", async () => {
    const { engine, deps } = setup("prod");

    const result = await runDestroy({ stack: "prod", yes: false, removeStack: true }, deps);

    expect(engine.calls).toEqual(["destroy", "removeStack"]);
    expect(renderDestroy(result)).toContain("The stack and its config were removed.");
  });

  it("does nothing when another name is typed", async () => {
    const { engine, deps } = setup("dev");

    const result = await runDestroy({ stack: "prod", yes: false, removeStack: true }, deps);

    expect(result.status).toBe("declined");
    expect(engine.calls).toEqual([]);
  });

  it("says a missing Pulumi CLI before asking for --yes", async () => {
    const { deps } = setup("prod");

    const attempt = runDestroy(
      { stack: "prod", yes: false, removeStack: false },
      {
        ...deps,
        interactive: false,
        openEngine: async () => {
          throw missingCliError(new Error("spawn pulumi ENOENT"));
        },
      },
    );

    await expect(attempt).rejects.toThrow("The Pulumi CLI is not installed.");
  });

  it("refuses without --yes when there is no terminal", async () => {
    const { deps } = setup("prod");

    const attempt = runDestroy(
      { stack: "prod", yes: false, removeStack: false },
      { ...deps, interactive: false },
    );

    await expect(attempt).rejects.toThrow('Refusing to destroy stack "prod" without confirmation');
  });
});
