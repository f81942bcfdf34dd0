import { describe, expect, it } from "vitest";
import { pipelineOptionsFromFlags } from "../../../src/local/dev/devOptions.js";

describe("dev --api-version", () => {
  it("makes ingestion speak v2 and the stand-in serve v2 only", () => {
    const options = pipelineOptionsFromFlags({ apiVersion: "V2" }, {});
    expect(options.apiVersion).toBe("v2");
    expect(options.fakeApi).toMatchObject({ apiVersions: ["v2"] });
  });

  it("leaves both versions served and v0 spoken when not given", () => {
    const options = pipelineOptionsFromFlags({}, {});
    expect(options.apiVersion).toBeUndefined();
    expect(options.fakeApi?.apiVersions).toBeUndefined();
  });

  it("names the flag and a valid form for anything else", () => {
    expect(() => pipelineOptionsFromFlags({ apiVersion: "v1" }, {})).toThrow(
      /--api-version "v1" is not one of v0, v2/,
    );
  });
});
