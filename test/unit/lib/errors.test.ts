import { describe, expect, it } from "vitest";
import { errorMessage, errorWithName } from "../../../src/lib/errors.js";

describe("error text", () => {
  it("is an Error's message, or anything else as a string", () => {
    expect(errorMessage(new RangeError("too far"))).toBe("too far");
    expect(errorMessage("plain")).toBe("plain");
    expect(errorMessage(42)).toBe("42");
  });

  it("leads with the error's name where the kind of failure matters", () => {
    expect(errorWithName(new RangeError("too far"))).toBe("RangeError: too far");
    expect(errorWithName(undefined)).toBe("undefined");
  });
});
