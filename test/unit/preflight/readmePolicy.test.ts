import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { preflightActions } from "../../../src/preflight/checks/index.js";

const README = readFileSync(fileURLToPath(new URL("../../../README.md", import.meta.url)), "utf8");

describe("the README's preflight policy", () => {
  it("names exactly the actions the checks call", () => {
    const section = README.slice(README.indexOf("### Before the first deploy"));
    const json = /```json\n([\s\S]*?)\n```/.exec(section)?.[1] ?? "{}";
    const policy = JSON.parse(json) as { Statement: { Action: string[] }[] };

    expect(policy.Statement.flatMap((statement) => statement.Action).sort()).toEqual(preflightActions());
  });
});
