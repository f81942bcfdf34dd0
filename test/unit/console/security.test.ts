import { describe, expect, it } from "vitest";
import { browserOpener } from "../../../src/console/openBrowser.js";
import { CONTENT_SECURITY_POLICY, checkRequest, cookieName } from "../../../src/console/security.js";

const TOKEN = "secret-token";
const PORT = 4280;
const request = (fields: Partial<Parameters<typeof checkRequest>[0]>) => ({
  url: "/",
  host: `127.0.0.1:${PORT}`,
  origin: undefined,
  cookie: undefined,
  ...fields,
});

describe("the console's gate", () => {
  it("turns the printed URL's token into an HttpOnly SameSite=Strict cookie and drops it from the address", () => {
    const verdict = checkRequest(request({ url: `/?token=${TOKEN}` }), TOKEN, PORT);
    expect(verdict).toEqual({
      allowed: true,
      setCookie: `${cookieName(PORT)}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`,
      redirectTo: "/",
    });
  });

  it("lets the cookie in on either loopback name", () => {
    const cookie = `other=1; ${cookieName(PORT)}=${TOKEN}`;
    expect(checkRequest(request({ cookie }), TOKEN, PORT)).toEqual({ allowed: true });
    expect(checkRequest(request({ cookie, host: `localhost:${PORT}` }), TOKEN, PORT)).toEqual({
      allowed: true,
    });
  });

  it("refuses a missing or wrong token, another port's cookie, a foreign Host and a foreign Origin", () => {
    const cookie = `${cookieName(PORT)}=${TOKEN}`;
    const refused = [
      request({}),
      request({ url: "/?token=wrong" }),
      request({ cookie: `${cookieName(PORT + 1)}=${TOKEN}` }),
      request({ cookie, host: `evil.example:${PORT}` }),
      request({ cookie, host: `127.0.0.1:${PORT + 1}` }),
      request({ cookie, host: undefined }),
      request({ cookie, origin: "http://evil.example" }),
      request({ cookie, origin: "null" }),
    ];
    for (const r of refused) expect(checkRequest(r, TOKEN, PORT)).toMatchObject({ allowed: false });
    expect(checkRequest(request({ cookie, origin: `http://localhost:${PORT}` }), TOKEN, PORT).allowed).toBe(
      true,
    );
  });

  it("allows no inline script and no other origin in its CSP", () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe");
  });
});

describe("opening a browser", () => {
  it("opens only where a desktop shows it, never under CI or a test runner", () => {
    expect(browserOpener({ DISPLAY: ":0" }, "linux")).toBe("xdg-open");
    expect(browserOpener({ WAYLAND_DISPLAY: "wayland-0" }, "linux")).toBe("xdg-open");
    expect(browserOpener({}, "linux")).toBeNull();
    expect(browserOpener({}, "darwin")).toBe("open");
    expect(browserOpener({ CI: "true" }, "darwin")).toBeNull();
    expect(browserOpener({ VITEST: "true", DISPLAY: ":0" }, "linux")).toBeNull();
  });
});
