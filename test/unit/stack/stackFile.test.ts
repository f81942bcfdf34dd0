import { describe, expect, it } from "vitest";
import { parseStackFile } from "../../../src/stack/stackFile.js";

describe("parseStackFile", () => {
  it("reads plain values and lists secret keys without their ciphertext", () => {
    const text = [
      "secretsprovider: passphrase",
      "encryptionsalt: v1:abc:def",
      "config:",
      "  aws:region: eu-central-1",
      '  bavest-signals:shards: "3"',
      "  bavest-signals:symbols: AAPL,BMW.DE",
      "  bavest-signals:schedule: 'rate(10 minutes)'",
      "  bavest-signals:bavestApiKey:",
      "    secure: v1:Zm9vYmFy",
      "  bavest-signals:redisAuthToken: {secure: 'v1:YmF6'}",
      "  bavest-signals:bastion: false",
    ].join("\n");
    expect(parseStackFile(text)).toEqual({
      values: {
        "aws:region": "eu-central-1",
        "bavest-signals:shards": "3",
        "bavest-signals:symbols": "AAPL,BMW.DE",
        "bavest-signals:schedule": "rate(10 minutes)",
        "bavest-signals:bastion": "false",
      },
      secretKeys: ["bavest-signals:bavestApiKey", "bavest-signals:redisAuthToken"],
    });
  });

  it("ignores everything outside the config block", () => {
    expect(parseStackFile("environment:\n  imports:\n    - shared\n").values).toEqual({});
  });
});
