import { describe, expect, it } from "vitest";
import { logGroupOf } from "../../../src/cloud/logGroups.js";

describe("a deployed function's log group", () => {
  it("is the stack's log group output when there is one", () => {
    const outputs = {
      processing_lambda_name: "processing-fn-1a2b",
      processing_log_group_name: "/aws/lambda/bavest-signals-processing-logs-9f8e",
    };
    expect(logGroupOf(outputs, "processing")).toBe("/aws/lambda/bavest-signals-processing-logs-9f8e");
  });

  it("falls back to Lambda's default group for stacks deployed without that output", () => {
    expect(logGroupOf({ ingestion_lambda_name: "ingestion-fn-3c4d" }, "ingestion")).toBe(
      "/aws/lambda/ingestion-fn-3c4d",
    );
    expect(logGroupOf({}, "ingestion")).toBeUndefined();
  });
});
