import { describe, expect, it } from "vitest";
import {
  type ConfigureDeps,
  type ConfigurePrompts,
  renderConfigure,
  runConfigure,
} from "../../../src/configure/workspaceConfig.js";
import { UsageError } from "../../../src/lib/errors.js";
import { FakeEngine } from "../engine/fakeEngine.js";

const noPrompts: ConfigurePrompts = {
  input: async () => {
    throw new Error("no prompt expected");
  },
  password: async () => {
    throw new Error("no prompt expected");
  },
};

function setup(overrides: Partial<ConfigureDeps> = {}, engine = new FakeEngine("dev")) {
  const deps: ConfigureDeps = {
    openEngine: async () => engine,
    interactive: false,
    prompts: noPrompts,
    readStdin: async () => "bv-live-key-123\n",
    ...overrides,
  };
  return { engine, deps };
}

const base = { stack: "dev", values: {}, apiKeyStdin: false };

describe("configure without a terminal", () => {
  it("stores flags, defaults for the prompted settings and the API key, and masks it", async () => {
    const { engine, deps } = setup();

    const result = await runConfigure(
      { ...base, values: { symbols: "aapl, msft", shards: "2" }, apiKeyStdin: true },
      deps,
    );

    expect(engine.config["bavest-signals:symbols"]).toEqual({ value: "aapl, msft", secret: false });
    expect(engine.config["bavest-signals:shards"]).toEqual({ value: "2", secret: false });
    expect(engine.config["aws:region"]).toEqual({ value: "eu-central-1", secret: false });
    expect(engine.config["bavest-signals:bavestApiKey"]).toEqual({ value: "bv-live-key-123", secret: true });
    // Finding 1 and 2: Redis uses IAM authentication, so no token is generated at all.
    expect(Object.keys(engine.config).filter((key) => /token/i.test(key))).toEqual([]);
    expect(result.config["bavest-signals:bavestApiKey"]).toBe("[secret]");
    expect(renderConfigure(result)).not.toContain("bv-live-key-123");
  });

  it("refuses cron(0 * * * * *) naming schedule and the ? rule, before writing anything (finding 7)", async () => {
    const { engine, deps } = setup();

    const error = await runConfigure(
      { ...base, values: { schedule: "cron(0 * * * * *)" }, apiKeyStdin: true },
      deps,
    ).catch((caught) => caught);

    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('"bavest-signals:schedule"');
    expect(error.message).toContain("eventbridge-cron-question-mark");
    expect(error.message).toContain("? in exactly one of day-of-month and day-of-week");
    expect(engine.calls).not.toContain("setAllConfig");
  });

  it("refuses an ingestion environment that would pass Lambda's 4 KB, naming the key and the limit (finding 6)", async () => {
    const { engine, deps } = setup();
    // The watchlist no longer lives in the environment; an absurdly long API URL still does.
    const apiUrl = `https://api.example.com/${"v".repeat(4_200)}`;

    const error = await runConfigure({ ...base, values: { apiUrl }, apiKeyStdin: true }, deps).catch(
      (caught) => caught,
    );

    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('"bavest-signals:apiUrl"');
    expect(error.message).toContain("lambda-environment-4kb");
    expect(error.message).toMatch(/would be 4[0-9]{3} bytes; Lambda allows 4096 \(4 KB\)/);
    expect(engine.calls).not.toContain("setAllConfig");
  });

  it("accepts a 10,000-symbol watchlist: it travels in the schedule's inputs, not the environment", async () => {
    const { engine, deps } = setup();
    const symbols = Array.from({ length: 10_000 }, (_, i) => `SYM${String(i).padStart(5, "0")}`).join(",");

    await runConfigure({ ...base, values: { symbols }, apiKeyStdin: true }, deps);

    expect(engine.calls).toContain("setAllConfig");
  });

  it("refuses a maximum record age longer than the stream keeps records", async () => {
    const { deps } = setup();

    const attempt = runConfigure(
      { ...base, values: { maxRecordAgeSeconds: "172800", streamRetentionHours: "24" }, apiKeyStdin: true },
      deps,
    );

    await expect(attempt).rejects.toThrow(/maxRecordAgeSeconds.*record-age-within-retention/);
    await expect(attempt).rejects.toMatchObject({
      hint: expect.stringContaining("--max-record-age-seconds"),
    });
  });

  it("warns, without refusing, about rule warnings such as an alarm e-mail with alarms off", async () => {
    const { deps } = setup();

    const result = await runConfigure(
      { ...base, values: { alarms: "false", alarmEmail: "ops@example.com" }, apiKeyStdin: true },
      deps,
    );

    expect(result.warnings.join("\n")).toContain("alarm-email-without-alarms");
  });

  it("rejects a bad value naming the key, before writing anything", async () => {
    const { engine, deps } = setup();

    const error = await runConfigure(
      { ...base, values: { schedule: "every 5 minutes" }, apiKeyStdin: true },
      deps,
    ).catch((caught) => caught);

    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('Config "bavest-signals:schedule" must be rate(');
    expect(engine.calls).not.toContain("setAllConfig");
  });

  it("asks for --api-key-stdin when the key is missing and nobody can be asked", async () => {
    const { deps } = setup();

    const attempt = runConfigure(base, deps);

    await expect(attempt).rejects.toThrow('The Bavest API key of stack "dev" is not set.');
    await expect(attempt).rejects.toMatchObject({ hint: expect.stringContaining("--api-key-stdin") });
  });

  it("keeps the stored secrets and changes nothing when run again", async () => {
    const engine = new FakeEngine("dev", {
      "aws:region": { value: "eu-central-1", secret: false },
      "bavest-signals:symbols": { value: "SAP.DE", secret: false },
      "bavest-signals:schedule": { value: "rate(5 minutes)", secret: false },
      "bavest-signals:historyRetentionDays": { value: "7", secret: false },
      "bavest-signals:bavestApiKey": { value: "stored", secret: true },
      "bavest-signals:redisAuthToken": { value: "stored-token-0123456789", secret: true },
    });
    const { deps } = setup({}, engine);

    const result = await runConfigure(base, deps);

    expect(result.changed).toEqual([]);
    expect(engine.calls).not.toContain("setAllConfig");
  });

  it("warns when the history would not fit the cache node's memory", async () => {
    const { deps } = setup();
    const symbols = Array.from({ length: 400 }, (_, i) => `S${i}`).join(",");

    const result = await runConfigure(
      {
        ...base,
        values: { symbols, schedule: "rate(1 minute)", historyRetentionDays: "30" },
        apiKeyStdin: true,
      },
      deps,
    );

    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain("cache.t3.micro");
    expect(result.warnings[0]).toContain("--node-type");
  });
});

describe("configure on a terminal", () => {
  it("asks only for the missing values, validating each answer", async () => {
    const asked: string[] = [];
    const validations: (true | string)[] = [];
    const prompts: ConfigurePrompts = {
      input: async (question) => {
        asked.push(question.message);
        if (question.message.startsWith("Ingestion schedule"))
          validations.push(question.validate("every minute"));
        return question.message.startsWith("Watchlist") ? "NVDA,TSLA" : (question.default ?? "");
      },
      password: async (question) => {
        asked.push(question.message);
        validations.push(question.validate(""));
        return "typed-key";
      },
    };
    const { engine, deps } = setup({ interactive: true, prompts });

    await runConfigure({ ...base, values: { region: "eu-west-1" } }, deps);

    expect(asked).toEqual([
      "Watchlist (comma-separated symbols)",
      "Ingestion schedule (EventBridge rate or cron)",
      "Days of history to keep in Redis",
      "Bavest API key",
    ]);
    expect(validations[0]).toMatch(/^Must be rate\(/);
    expect(validations[1]).toBe("The API key cannot be empty.");
    expect(engine.config["bavest-signals:symbols"]?.value).toBe("NVDA,TSLA");
    expect(engine.config["aws:region"]?.value).toBe("eu-west-1");
    expect(engine.config["bavest-signals:bavestApiKey"]).toEqual({ value: "typed-key", secret: true });
  });
});

describe("configure flags", () => {
  it("offers one flag per setting, the one each setting's error message names", async () => {
    const { CONFIG_FIELDS } = await import("../../../src/stack/configFields.js");
    const { CONFIGURE_SETTINGS, flagOf } = await import("../../../src/commands/configure.js");

    expect([...CONFIGURE_SETTINGS].sort()).toEqual(Object.keys(CONFIG_FIELDS).sort());
    for (const name of CONFIGURE_SETTINGS) {
      expect(CONFIG_FIELDS[name].example.split(" ")[0]).toBe(flagOf(name));
    }
  });
});
