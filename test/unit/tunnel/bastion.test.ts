import { describe, expect, it } from "vitest";
import { CliError } from "../../../src/lib/errors.js";
import { ensureBastionReady } from "../../../src/tunnel/bastion.js";
import type { BastionApi, InstanceState } from "../../../src/tunnel/types.js";
import { memoryOutput } from "../../helpers/memoryStreams.js";

/** A bastion whose EC2 states and SSM Online answers play back in order (the last one repeats). */
function scriptedBastion(states: Array<InstanceState | undefined>, online: boolean[]) {
  const calls: string[] = [];
  const next = <T>(list: T[]): T => (list.length > 1 ? (list.shift() as T) : (list[0] as T));
  const api: BastionApi = {
    async instanceState(id) {
      calls.push(`state ${id}`);
      return next(states);
    },
    async startInstance(id) {
      calls.push(`start ${id}`);
    },
    async isOnline(id) {
      calls.push(`online ${id}`);
      return next(online);
    },
  };
  return { api, calls };
}

/** Everything the Output printed, stdout and stderr together. */
function capture() {
  const { output, stdout, stderr } = memoryOutput();
  return { output, text: () => stdout() + stderr() };
}

const ID = "i-0abc";
const fast = { pollIntervalMs: 0, sleep: async () => {}, stack: "dev" };

describe("ensureBastionReady", () => {
  it("does nothing more when the bastion runs and is Online", async () => {
    const { api, calls } = scriptedBastion(["running"], [true]);
    const log = capture();

    await ensureBastionReady(ID, { ...fast, api, output: log.output });

    expect(calls).toEqual([`state ${ID}`, `online ${ID}`]);
    expect(log.text()).toBe("");
  });

  it("starts a stopped bastion and waits until it runs and Session Manager sees it, with progress", async () => {
    const { api, calls } = scriptedBastion(["stopped", "pending", "pending", "running"], [false, true]);
    const log = capture();

    await ensureBastionReady(ID, { ...fast, api, output: log.output });

    expect(calls).toContain(`start ${ID}`);
    expect(calls.at(-1)).toBe(`online ${ID}`);
    expect(log.text()).toContain("Bastion i-0abc is stopped");
    expect(log.text()).toContain("reachable through Session Manager");
  });

  it("waits for a stopping bastion to stop before starting it", async () => {
    const { api, calls } = scriptedBastion(["stopping", "stopping", "stopped", "running"], [true]);

    await ensureBastionReady(ID, { ...fast, api, output: capture().output });

    const s = `state ${ID}`;
    expect(calls).toEqual([s, s, s, `start ${ID}`, s, `online ${ID}`]);
  });

  it.each([["terminated" as const], [undefined]])(
    "refuses a bastion that is %s, pointing at deploy",
    async (state) => {
      const { api } = scriptedBastion([state], [false]);

      const waiting = ensureBastionReady(ID, { ...fast, api, output: capture().output });

      await expect(waiting).rejects.toThrow(CliError);
      await expect(waiting).rejects.toMatchObject({
        hint: expect.stringContaining("bavest-signals deploy --stack dev"),
      });
    },
  );

  it("gives up when Session Manager never lists it Online, naming the likely cause", async () => {
    const { api } = scriptedBastion(["running"], [false]);

    const waiting = ensureBastionReady(ID, { ...fast, maxPolls: 3, api, output: capture().output });

    await expect(waiting).rejects.toThrow(/does not list the bastion i-0abc as Online/);
  });
});
