import { useEffect, useState } from "preact/hooks";
import type { Signal, Thresholds } from "../../core/signal.js";
import type { SignalChange } from "../../inspect/changes.js";
import { PeChart } from "./chart.js";
import { fetchJson } from "./fetchJson.js";
import { html } from "./html.js";
import { formatNumber, formatTime, label } from "./model.js";

interface SymbolAnswer {
  symbol: string;
  latest: Signal | null;
  history: Signal[];
  changes: SignalChange[];
  thresholds: Thresholds;
}

const time = formatTime;

/** One symbol: its latest Signal, the P/E chart with the bands, its data and last changes. */
export function SymbolPage({ symbol, version }: { symbol: string; version: number }) {
  const [answer, setAnswer] = useState<SymbolAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    fetchJson<SymbolAnswer>(`/api/symbol?symbol=${encodeURIComponent(symbol)}`)
      .then((body) => {
        if (!current) return;
        setAnswer(body);
        setError(null);
      })
      .catch((cause: Error) => current && setError(cause.message));
    return () => {
      current = false;
    };
  }, [symbol, version]);
  const back = html`<p><a href="#/">← All symbols</a></p>`;
  if (error) return html`${back}<h2>${symbol}</h2><p role="alert" class="error">${error}</p>`;
  if (!answer) return html`${back}<h2>${symbol}</h2><p>Loading ${symbol}...</p>`;
  const latest = answer.latest;
  return html`${back}
    <h2 class="symbol-title">${answer.symbol}
      ${latest ? html` <span class=${`badge sig-${latest.signal}`}>${latest.signal}</span>` : null}</h2>
    ${
      latest
        ? html`<dl class="facts">
      <div><dt>Category</dt><dd data-field="category">${label(latest.category)}</dd></div>
      <div><dt>P/E</dt><dd>${formatNumber(latest.peRatio)}${latest.peSource ? ` (${latest.peSource})` : ""}</dd></div>
      <div><dt>Price</dt><dd>${formatNumber(latest.price)} ${latest.currency ?? ""}</dd></div>
      <div><dt>EPS</dt><dd>${formatNumber(latest.eps)}</dd></div>
      <div><dt>Observed (UTC)</dt><dd><time datetime=${latest.observedAt}>${time(latest.observedAt)}</time></dd></div>
    </dl>`
        : null
    }
    <${PeChart} history=${answer.history} thresholds=${answer.thresholds} symbol=${answer.symbol} />
    <details class="data">
      <summary>The chart's data (${answer.history.length} observations)</summary>
      <table class="history">
        <thead><tr><th scope="col">Observed (UTC)</th><th scope="col" class="num">P/E</th><th scope="col" class="num">Price</th><th scope="col">Category</th><th scope="col">Signal</th></tr></thead>
        <tbody>${answer.history.map(
          (
            s,
          ) => html`<tr key=${s.observedAt}><td>${time(s.observedAt)}</td><td class="num">${formatNumber(s.peRatio)}</td>
            <td class="num">${formatNumber(s.price)}</td><td>${label(s.category)}</td><td>${s.signal}</td></tr>`,
        )}</tbody>
      </table>
    </details>
    <section aria-labelledby="changes-title">
      <h3 id="changes-title">Last signal changes</h3>
      ${
        answer.changes.length === 0
          ? html`<p class="empty">No signal change recorded for ${answer.symbol}.</p>`
          : html`<table class="changes">
            <thead><tr><th scope="col">Observed (UTC)</th><th scope="col">Signal</th><th scope="col">Category</th><th scope="col" class="num">P/E</th></tr></thead>
            <tbody>${answer.changes.map(
              (
                c,
                i,
              ) => html`<tr key=${`${c.observedAt}-${i}`}><td>${time(c.observedAt)}</td><td>${c.from || "none"} → ${c.to}</td>
                <td>${label(c.fromCategory || "none")} → ${label(c.toCategory)}</td><td class="num">${formatNumber(c.peRatio)}</td></tr>`,
            )}</tbody>
          </table>`
      }
    </section>`;
}
