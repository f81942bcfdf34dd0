import { describe, expect, it } from "vitest";
import {
  CUSTOM_METRIC_COUNT,
  estimateMonthlyCost,
  renderCostEstimate,
} from "../../../src/plan/costEstimate.js";
import { alarmCount } from "../../../src/stack/components/alarmInventory.js";
import { parseStackConfig } from "../../../src/stack/config.js";

const line = (config: ReturnType<typeof parseStackConfig>, item: string) =>
  estimateMonthlyCost(config).lines.find((l) => l.item === item);

describe("the monitoring and bastion lines", () => {
  it("prices as many alarms as the program makes: 5 + nodes before, now derived (item P5)", () => {
    const two = parseStackConfig({ "bavest-signals:nodeCount": "2" });
    const three = parseStackConfig({ "bavest-signals:nodeCount": "3" });
    // One more node is one more memory alarm; ALARM_COUNT was a fixed 7 whatever the nodes.
    expect(line(three, "CloudWatch alarms")?.monthlyUsd).toBeCloseTo(
      (line(two, "CloudWatch alarms")?.monthlyUsd ?? 0) + 0.1,
      6,
    );
    expect(line(two, "CloudWatch alarms")?.monthlyUsd).toBeCloseTo(alarmCount(two).total * 0.1, 6);
    // Alarms off: only the bastion's idle stop remains.
    const off = parseStackConfig({ "bavest-signals:alarms": "false" });
    expect(line(off, "CloudWatch alarms")?.monthlyUsd).toBeCloseTo(0.1, 6);
    expect(line(off, "CloudWatch alarms")?.basis).toContain("bastion idle stop");
  });

  it("has a line for the EMF custom metrics: the account's first 10 free, then per metric (item P5)", () => {
    const metrics = line(parseStackConfig({ "aws:region": "us-east-1" }), "CloudWatch custom metrics (EMF)");
    // Seven processing metrics (one per record outcome, P/E disagreements) and two of ingestion.
    expect(CUSTOM_METRIC_COUNT).toBe(9);
    expect(metrics?.monthlyUsd).toBe(0);
    expect(metrics?.basis).toMatch(/9 metrics, the first 10 of the account free, then x \$0\.3/);
    // Frankfurt's custom-metric price is not confirmed by any source checked: marked so.
    expect(
      line(parseStackConfig({ "aws:region": "eu-central-1" }), "CloudWatch custom metrics (EMF)"),
    ).toMatchObject({ unconfirmedPrice: true });
  });

  it("prices the bastion on demand and names what it would cost always on (item P9)", () => {
    const config = parseStackConfig({ "aws:region": "eu-central-1" });
    const instance = line(config, "Bastion EC2 t4g.nano");
    const address = line(config, "Bastion public IPv4 address");
    expect(instance?.monthlyUsd).toBeCloseTo(40 * 0.0048, 6);
    expect(address?.monthlyUsd).toBeCloseTo(40 * 0.005, 6);
    expect(instance?.basis).toContain("always on: 730 h = $3.50");
    expect(address?.basis).toContain("always on: 730 h = $3.65");
    expect(renderCostEstimate(estimateMonthlyCost(config))).toContain("on demand");
  });
});
