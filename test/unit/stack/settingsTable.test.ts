import { describe, expect, it } from "vitest";
import { buildProgram } from "../../../src/cli.js";
import { CONFIGURE_SETTINGS, flagOf } from "../../../src/commands/configure.js";
import { PROMPTED_FIELDS } from "../../../src/configure/workspaceConfig.js";
import { DEV_FLAG_DEFAULTS, pipelineOptionsFromFlags } from "../../../src/local/dev/devOptions.js";
import { PIPELINE_DEFAULTS } from "../../../src/local/pipeline/pipelineOptions.js";
import { whatIfValues } from "../../../src/plan/whatIf.js";
import { defaultStackConfig, parseStackConfig } from "../../../src/stack/config.js";
import { CONFIG_FIELDS } from "../../../src/stack/configFields.js";
import { CONFIG_HELP } from "../../../src/stack/configHelp.js";
import { ingestionEnvironment, processingEnvironment } from "../../../src/stack/lambdaEnvironment.js";
import { SETTING_NAMES, settingRow } from "../../../src/stack/settingsTable.js";

// A text no setting accepts: every parser of the table refuses it.
const REFUSED = "%%%";

function commandOf(name: string) {
  const command = buildProgram({}).commands.find((candidate) => candidate.name() === name);
  if (command === undefined) throw new Error(`no command ${name}`);
  return command;
}

describe("the settings table: a setting is one row, every consumer reads it", () => {
  it("gives every row its config field: key, parser, default and the flag its errors name", () => {
    expect(Object.keys(CONFIG_FIELDS)).toEqual(SETTING_NAMES);
    for (const name of SETTING_NAMES) {
      const row = settingRow(name);
      const field = CONFIG_FIELDS[name] as { key: string; defaultText?: string; example: string };
      expect([name, field.key, field.defaultText]).toEqual([name, row.key, row.default]);
      expect(field.example.split(" ")[0], name).toBe(row.flag);
    }
  });

  it("validates every row: its default passes, a bad value is refused naming its key and flag", () => {
    const defaults = defaultStackConfig();
    expect(defaults).toBeDefined();
    for (const name of SETTING_NAMES) {
      const row = settingRow(name);
      if (row.default !== undefined)
        expect(() => CONFIG_FIELDS[name].parse(row.default as string)).not.toThrow();
      let message = "";
      try {
        parseStackConfig({ [row.key]: REFUSED });
      } catch (error) {
        message = `${(error as Error).message} ${(error as { hint?: string }).hint ?? ""}`;
      }
      expect(message, name).toContain(`Config "${row.key}"`);
      expect(message, name).toContain(`configure ${row.flag}`);
    }
  });

  it("puts every row in help: configure's flags say its meaning, allowed values, default and unit", () => {
    const configure = commandOf("configure");
    expect(CONFIGURE_SETTINGS).toEqual(SETTING_NAMES);
    for (const name of SETTING_NAMES) {
      const row = settingRow(name);
      const option = configure.options.find((candidate) => candidate.long === row.flag);
      expect(option?.description, name).toContain(row.meaning);
      expect(option?.description, name).toContain(row.allowed);
      if (row.unit) expect(option?.description, name).toContain(row.unit);
      expect(CONFIG_HELP[name].meaning).toBe(row.meaning);
      expect(flagOf(name)).toBe(row.flag);
    }
  });

  it("gives plan a what-if flag per row, checked by the row's parser", () => {
    const plan = commandOf("plan");
    for (const name of SETTING_NAMES) {
      const row = settingRow(name);
      const option = plan.options.find((candidate) => candidate.long === row.flag);
      expect(option?.description, name).toContain(row.meaning);
      expect(() => whatIfValues({ [name]: REFUSED }), name).toThrow(`plan ${row.flag} "${REFUSED}"`);
    }
  });

  it("places every row's value at its path in StackConfig, and every leaf comes from one row", () => {
    const config = defaultStackConfig() as unknown as Record<string, unknown>;
    const leaves = (node: Record<string, unknown>, prefix = ""): string[] =>
      Object.entries(node).flatMap(([key, value]) =>
        value !== null && typeof value === "object" && !Array.isArray(value)
          ? leaves(value as Record<string, unknown>, `${prefix}${key}.`)
          : [`${prefix}${key}`],
      );
    const paths = SETTING_NAMES.flatMap((name) => settingRow(name).path ?? []);
    expect(new Set(paths).size).toBe(paths.length);
    expect([...paths].sort()).toEqual(
      leaves(config)
        .filter((leaf) => leaf !== "existingNetwork")
        .sort(),
    );
    for (const name of SETTING_NAMES) {
      const row = settingRow(name);
      if (row.path === undefined || row.default === undefined) continue;
      const placed = row.path
        .split(".")
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], config);
      expect(placed, name).toEqual(CONFIG_FIELDS[name].parse(row.default));
    }
  });

  it("asks configure's questions for exactly the rows with a prompt", () => {
    expect(PROMPTED_FIELDS).toEqual(SETTING_NAMES.filter((name) => settingRow(name).prompt !== undefined));
    expect(PROMPTED_FIELDS.length).toBeGreaterThan(0);
  });

  it("writes every row's Lambda variable into the function it names", () => {
    const config = defaultStackConfig();
    const environments = {
      ingestion: ingestionEnvironment(config, { streamName: "s", apiKeySecretArn: "arn" }),
      processing: processingEnvironment(config, {
        redisHost: "h",
        redisPort: "1",
        redisUser: "u",
        cacheName: "c",
      }),
    };
    const withEnv = SETTING_NAMES.filter((name) => settingRow(name).lambdaEnv !== undefined);
    expect(withEnv.length).toBeGreaterThan(0);
    for (const name of withEnv) {
      const target = settingRow(name).lambdaEnv as { fn: "ingestion" | "processing"; variable: string };
      expect(environments[target.fn][target.variable], name).toBeDefined();
    }
  });
});

describe("dev's flags: each default written once", () => {
  it("shows in --help the defaults the pipeline applies when a flag is left out", () => {
    const dev = commandOf("dev");
    const shown = Object.fromEntries(
      dev.options
        .filter((option) => option.defaultValue !== undefined)
        .map((option) => [option.attributeName(), option.defaultValue]),
    );
    expect(shown).toMatchObject(DEV_FLAG_DEFAULTS);
    const omitted = pipelineOptionsFromFlags({}, {});
    const given = pipelineOptionsFromFlags({ ...DEV_FLAG_DEFAULTS }, {});
    expect(given).toEqual(omitted);
    expect(omitted).toMatchObject({
      shards: PIPELINE_DEFAULTS.shards,
      batchSize: PIPELINE_DEFAULTS.batchSize,
      batchingWindowMs: PIPELINE_DEFAULTS.batchingWindowMs,
      maxRetries: PIPELINE_DEFAULTS.maxRetries,
      ingestEveryMs: PIPELINE_DEFAULTS.ingestEveryMs,
    });
  });
});
