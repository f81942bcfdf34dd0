import { randomBytes, timingSafeEqual } from "node:crypto";

/** What the gate reads of a request: its path and query, and three headers. */
export interface GateRequest {
  url: string;
  host: string | undefined;
  origin: string | undefined;
  cookie: string | undefined;
}

/** The gate's answer: refused (403, with the reason), or let in (and maybe given the cookie). */
export type GateVerdict =
  | { allowed: false; reason: string }
  | { allowed: true; setCookie?: string; redirectTo?: string };

/** A fresh token: 32 random bytes, URL-safe. */
export function newConsoleToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The cookie name carries the port: two consoles on one machine share `127.0.0.1`'s cookie jar. */
export function cookieName(port: number): string {
  return `bavest_console_${port}`;
}

/** The only origins a page of this console can have. */
export function allowedOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

function sameSecret(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return undefined;
}

/**
 * Decides whether a request may reach the console. The Host header must name this loopback
 * port (a DNS-rebinding page sends its own name), an Origin other than the console's own is
 * refused, and the token must come as `?token=` (the printed URL: answered with the cookie and
 * a redirect that drops it from the address bar) or as the HttpOnly cookie. Pure.
 */
export function checkRequest(request: GateRequest, token: string, port: number): GateVerdict {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (request.host === undefined || !hosts.includes(request.host.toLowerCase())) {
    return { allowed: false, reason: `Host ${JSON.stringify(request.host ?? "")} is not this console` };
  }
  if (request.origin !== undefined && !allowedOrigins(port).includes(request.origin.toLowerCase())) {
    return { allowed: false, reason: `Origin ${JSON.stringify(request.origin)} is not this console` };
  }
  const url = new URL(request.url, `http://${request.host}`);
  const name = cookieName(port);
  if (sameSecret(cookieValue(request.cookie, name), token)) return { allowed: true };
  if (sameSecret(url.searchParams.get("token") ?? undefined, token)) {
    url.searchParams.delete("token");
    return {
      allowed: true,
      setCookie: `${name}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      redirectTo: `${url.pathname}${url.search}`,
    };
  }
  return {
    allowed: false,
    reason: "the console's token is missing or wrong (open the URL the command printed)",
  };
}

/**
 * The Content-Security-Policy of every answer: scripts and styles only from the console's own
 * files (no inline script, no eval), data only from its own API, no frames, forms or plugins.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers on every answer, refusals included; never any Access-Control-* (no CORS). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "no-store",
};
