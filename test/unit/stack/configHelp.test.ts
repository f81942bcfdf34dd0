import { describe, expect, it } from "vitest";
import { CONFIGURE_SETTINGS } from "../../../src/commands/configure.js";
import { CONFIG_FIELDS, type ConfigFieldName } from "../../../src/stack/configFields.js";
import { CONFIG_HELP, configFlagHelp } from "../../../src/stack/configHelp.js";

const names = Object.keys(CONFIG_FIELDS) as ConfigFieldName[];

describe("the help of every stack setting", () => {
  it("describes every field of CONFIG_FIELDS, and nothing else", () => {
    const missing = names.filter((name) => !CONFIG_HELP[name]?.meaning || !CONFIG_HELP[name]?.allowed);
    expect(missing).toEqual([]);
    expect(Object.keys(CONFIG_HELP).sort()).toEqual([...names].sort());
  });

  it("states the default CONFIG_FIELDS really applies, and that default is allowed", () => {
    for (const name of names) {
      const documented = CONFIG_HELP[name].default?.replace(/^"(.*)"$/, "$1");
      expect([name, documented]).toEqual([name, CONFIG_FIELDS[name].defaultText]);
      const field = CONFIG_FIELDS[name] as { parse: (text: string) => unknown };
      if (documented !== undefined) expect(() => field.parse(documented), name).not.toThrow();
    }
  });

  it("gives configure a line with meaning, allowed values, default and unit", () => {
    expect(configFlagHelp("historyRetentionDays")).toBe(
      "how long each symbol's history is kept in Redis, from its newest observation; allowed: 1-365 days; default: 7 days",
    );
    expect(configFlagHelp("alarmEmail")).toContain("default: not set");
    for (const name of CONFIGURE_SETTINGS) expect(configFlagHelp(name)).not.toContain("undefined");
  });
});
