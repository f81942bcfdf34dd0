import { afterEach, describe, expect, it } from "vitest";
import { bavestCheck, evaluateChecks } from "../../src/doctor/checks.js";
import { probeBavest } from "../../src/doctor/probes.js";
import { type FakeBavest, LOCAL_API_KEY, startFakeBavest } from "../../src/local/servers/fakeBavest.js";

let fake: FakeBavest | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

describe("doctor --online and the Bavest key", () => {
  it("tells that a key answers v2 only, and the setting that fixes it", async () => {
    fake = await startFakeBavest({ apiVersions: ["v2"] });
    const facts = await probeBavest({ BAVEST_API_KEY: LOCAL_API_KEY, BAVEST_API_URL: fake.url });
    expect(facts).toMatchObject({ apiUrl: fake.url, answered: ["v2"] });
    const check = bavestCheck(facts as NonNullable<typeof facts>);
    expect(check).toMatchObject({ name: "bavest-api", ok: false, neededFor: ["cloud"] });
    expect(check.detail).toContain("answers v2");
    expect(check.fix).toContain("configure --api-version v2");
  });

  it("passes when v0 answers, naming the versions and the currency of the quote", async () => {
    fake = await startFakeBavest();
    const facts = await probeBavest({ BAVEST_API_KEY: LOCAL_API_KEY, BAVEST_API_URL: fake.url });
    const check = bavestCheck(facts as NonNullable<typeof facts>);
    expect(check).toMatchObject({ ok: true });
    expect(check.detail).toMatch(/answers v0 and v2 .*quotes in USD/);
  });

  it("fails with what each version said when the key answers none, and asks nothing without a key", async () => {
    fake = await startFakeBavest();
    const facts = await probeBavest({ BAVEST_API_KEY: " ", BAVEST_API_URL: fake.url });
    expect(facts).toBeNull();
    const check = bavestCheck({
      apiUrl: fake.url,
      answered: [],
      answers: [
        { version: "v0", ok: false, status: 403, reason: "HTTP 403: ... (Bavest said: Forbidden)" },
        { version: "v2", ok: false, status: 403, reason: "HTTP 403: ... (Bavest said: Forbidden)" },
      ],
    });
    expect(check.ok).toBe(false);
    expect(check.detail).toContain("v0: HTTP 403");
    const checks = evaluateChecks({
      nodeVersion: "v20.20.2",
      redisServer: null,
      pulumi: null,
      sessionManagerPlugin: null,
      aws: { credentialsSource: null, region: null, regionSource: null },
      bavest: { apiUrl: fake.url, answered: ["v0"], answers: [{ version: "v0", ok: true }] },
    });
    expect(checks.map((c) => c.name)).toContain("bavest-api");
  });
});
