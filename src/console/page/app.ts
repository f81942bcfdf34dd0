import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { Signal, Thresholds } from "../../core/signal.js";
import type { SignalChange } from "../../inspect/changes.js";
import type { TrackedSymbol } from "../../inspect/read.js";
import type { LiveEvent } from "../live.js";
import { fetchJson } from "./fetchJson.js";
import { HealthPanel, Quarantine } from "./health.js";
import { html } from "./html.js";
import { followLive, type LiveState } from "./liveClient.js";
import { parseRoute, type Row, upsertRows } from "./model.js";
import { Overview, type OverviewView } from "./overview.js";
import { SymbolPage } from "./symbolPage.js";

interface OverviewAnswer {
  target: string;
  thresholds: Thresholds;
  tracked: TrackedSymbol[];
}

const FRESH_MS = 4_000;
const LIVE_TEXT: Record<LiveState, string> = {
  connecting: "Connecting...",
  live: "Live",
  reconnecting: "Reconnecting...",
};

/** The console: header with the live state, then the page the address's hash names. */
export function App() {
  const [route, setRoute] = useState(parseRoute(location.hash));
  const [rows, setRows] = useState<Row[]>([]);
  const [target, setTarget] = useState("");
  const [loadError, setLoadError] = useState<string | null>(null);
  const [view, setView] = useState<OverviewView>({
    sort: { key: "symbol", descending: false },
    filter: { text: "", category: "", signal: "" },
    page: 0,
  });
  const [live, setLive] = useState<{ state: LiveState; detail: string }>({ state: "connecting", detail: "" });
  const [changes, setChanges] = useState<SignalChange[]>([]);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [version, setVersion] = useState(0);
  const [symbolVersions, setSymbolVersions] = useState<Record<string, number>>({});
  const [now, setNow] = useState(Date.now());

  const load = useCallback(() => {
    fetchJson<OverviewAnswer>("/api/overview")
      .then((body) => {
        setRows(body.tracked);
        setTarget(body.target);
        setLoadError(null);
        document.body.dataset.loaded = "true";
      })
      .catch((cause: Error) => setLoadError(cause.message));
  }, []);

  const arrived = useCallback((signals: Signal[]) => {
    setRows((current) => upsertRows(current, signals));
    const symbols = signals.map((s) => s.symbol);
    setFresh((current) => new Set([...current, ...symbols]));
    setTimeout(() => {
      setFresh((current) => {
        const next = new Set(current);
        for (const symbol of symbols) next.delete(symbol);
        return next;
      });
    }, FRESH_MS);
    setSymbolVersions((current) => {
      const next = { ...current };
      for (const symbol of symbols) next[symbol] = (next[symbol] ?? 0) + 1;
      return next;
    });
  }, []);

  useEffect(() => {
    load();
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", onHash);
    const tick = setInterval(() => setNow(Date.now()), 10_000);
    const stop = followLive({
      onState: (state, detail) => setLive({ state, detail }),
      onResync: () => {
        load();
        setVersion((v) => v + 1);
      },
      onEvent: (event: LiveEvent) => {
        if (event.type === "change") {
          setChanges((current) => [event.change, ...current].slice(0, 50));
          if (event.latest) arrived([event.latest]);
        } else if (event.type === "observations") arrived(event.latest);
      },
    });
    return () => {
      stop();
      clearInterval(tick);
      removeEventListener("hashchange", onHash);
    };
  }, [load, arrived]);

  // A new page takes the focus, so keyboard and screen reader users start at its top.
  const main = useRef<HTMLElement>(null);
  const firstRoute = useRef(true);
  useEffect(() => {
    if (firstRoute.current) firstRoute.current = false;
    else main.current?.focus();
  }, [route]);

  return html`
    <header class="top">
      <h1><a href="#/">bavest-signals console</a></h1>
      <span class="target">${target}</span>
      <nav aria-label="Pages"><a href="#/">Overview</a> <a href="#/rejected">Quarantine</a></nav>
      <p class="live" role="status" data-state=${live.state} title=${live.detail}>
        <span class="dot" aria-hidden="true"></span>${LIVE_TEXT[live.state]}
        ${live.state === "reconnecting" ? html` <span class="detail">${live.detail}</span>` : null}
      </p>
    </header>
    <main ref=${main} tabindex="-1">
      ${loadError ? html`<p role="alert" class="error">${loadError}</p>` : null}
      ${
        route.page === "symbol"
          ? html`<${SymbolPage} symbol=${route.symbol} version=${version + (symbolVersions[route.symbol] ?? 0)} />`
          : route.page === "rejected"
            ? html`<${Quarantine} version=${version} />`
            : html`<${HealthPanel} /><${Overview} rows=${rows} view=${view} onView=${setView} now=${now} fresh=${fresh} changes=${changes} />`
      }
    </main>`;
}
