import { describe, expect, it } from "vitest";
import { maskSecrets } from "../../../src/stack/synth/mask.js";

const wrap = (value: unknown) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});

describe("maskSecrets", () => {
  it("keeps the keys of a wrapped block readable and hides only the secret leaves", () => {
    const inputs = {
      environment: wrap({ variables: { REDIS_HOST: "redis.local", REDIS_AUTH_TOKEN: "tok-123" } }),
    };
    expect(maskSecrets(inputs, new Set(["tok-123"]))).toEqual({
      environment: { variables: { REDIS_HOST: "redis.local", REDIS_AUTH_TOKEN: "[secret]" } },
    });
  });

  it("hides a wrapped scalar whatever its value, and known secrets anywhere", () => {
    expect(
      maskSecrets({ authToken: wrap("anything"), list: ["key-1", "plain"] }, new Set(["key-1"])),
    ).toEqual({
      authToken: "[secret]",
      list: ["[secret]", "plain"],
    });
  });
});
