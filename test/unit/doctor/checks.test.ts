import { describe, expect, it } from "vitest";
import { renderDoctor } from "../../../src/commands/doctor.js";
import {
  doctorSucceeded,
  evaluateChecks,
  identityFix,
  type MachineFacts,
  workflowReadiness,
} from "../../../src/doctor/checks.js";

const localOnly: MachineFacts = {
  nodeVersion: "v20.20.2",
  redisServer: { version: "Redis server v=7.0.15" },
  pulumi: null,
  sessionManagerPlugin: null,
  aws: { credentialsSource: null, region: null, regionSource: null },
};

describe("doctor's verdict", () => {
  const checks = evaluateChecks(localOnly);
  const all = workflowReadiness(checks, ["local", "cloud", "tunnel"]);

  it("says which workflow is ready and what each other one needs", () => {
    expect(all).toEqual([
      { purpose: "local", ready: true, missing: [] },
      { purpose: "cloud", ready: false, missing: ["pulumi", "aws-credentials", "aws-region"] },
      {
        purpose: "tunnel",
        ready: false,
        missing: ["session-manager-plugin", "aws-credentials", "aws-region"],
      },
    ]);
  });

  it("does not fail a local-only user who asked for nothing in particular", () => {
    expect(doctorSucceeded(all, [])).toBe(true);
    const report = { ok: true, purposes: [], workflows: all, checks };
    const text = renderDoctor(report, false);
    expect(text).toContain("local: ready; cloud: needs pulumi, aws-credentials, aws-region");
    expect(text).toContain("bavest-signals doctor --only cloud tunnel");
  });

  it("fails when a workflow asked for with --only is not ready, or when none is", () => {
    expect(doctorSucceeded(workflowReadiness(checks, ["local", "cloud"]), ["local", "cloud"])).toBe(false);
    expect(doctorSucceeded(workflowReadiness(checks, ["local"]), ["local"])).toBe(true);
    const nothing = evaluateChecks({ ...localOnly, redisServer: null });
    expect(doctorSucceeded(workflowReadiness(nothing, ["local", "cloud", "tunnel"]), [])).toBe(false);
  });
});

describe("the fix for a failed --online identity check", () => {
  const aws = {
    credentialsSource: "environment (AWS_ACCESS_KEY_ID)",
    region: "eu-central-1",
    regionSource: "AWS_REGION",
  };

  it("names the region, not the credentials, when the region is missing", () => {
    expect(identityFix("Region is missing", aws)).toContain("AWS_REGION");
    expect(identityFix("anything", { ...aws, region: null })).toContain("AWS_REGION");
  });

  it("says to refresh only credentials that were refused", () => {
    expect(identityFix("The security token included in the request is expired", aws)).toContain("Refresh");
    expect(
      identityFix("Could not load credentials from any providers", { ...aws, credentialsSource: null }),
    ).toContain("aws configure");
    expect(identityFix("getaddrinfo ENOTFOUND sts.eu-central-1.amazonaws.com", aws)).toContain("network");
  });
});
