import type { LiveEvent } from "../live.js";

/** What the page shows about the live feed. */
export type LiveState = "connecting" | "live" | "reconnecting";

export interface LiveHandlers {
  onState(state: LiveState, detail: string): void;
  onEvent(event: LiveEvent): void;
  /** The feed came back after a gap: what happened meanwhile was missed, read it again. */
  onResync(): void;
}

/**
 * Follows `/api/events` (Server-Sent Events). The browser reconnects by itself when the server
 * goes away; a Redis that went away is reported by the server. Either shows as reconnecting,
 * and coming back asks the page to read everything again.
 */
export function followLive(handlers: LiveHandlers): () => void {
  const source = new EventSource("/api/events");
  let gap = false;
  const down = (detail: string) => {
    gap = true;
    handlers.onState("reconnecting", detail);
  };
  source.onerror = () => down("the console server is not answering");
  source.addEventListener("redis", (message) => {
    const event = JSON.parse((message as MessageEvent<string>).data) as LiveEvent & { type: "redis" };
    if (event.state === "connecting") return handlers.onState("connecting", "reaching Redis");
    if (event.state === "down") return down(`Redis is unreachable: ${event.error ?? ""}`);
    handlers.onState("live", "following the changes stream");
    if (gap) handlers.onResync();
    gap = false;
  });
  for (const type of ["change", "observations"] as const) {
    source.addEventListener(type, (message) => {
      handlers.onEvent(JSON.parse((message as MessageEvent<string>).data) as LiveEvent);
    });
  }
  return () => source.close();
}
