import type { SignalChange } from "../../inspect/changes.js";
import { html } from "./html.js";
import { label } from "./model.js";

/** The signal changes the live feed brought since the page opened, newest first. */
export function LiveChanges({ changes }: { changes: SignalChange[] }) {
  return html`<section aria-labelledby="live-title" class="live-changes">
    <h2 id="live-title">Live changes</h2>
    ${
      changes.length === 0
        ? html`<p class="empty">None since this page opened; they appear here as they happen.</p>`
        : html`<ol>${changes.slice(0, 8).map(
            (c, i) => html`<li key=${`${c.symbol}-${c.observedAt}-${i}`}>
            <a href=${`#/symbol/${encodeURIComponent(c.symbol)}`}>${c.symbol}</a>
            ${" "}${c.from || "none"} → <strong>${c.to}</strong> (${label(c.fromCategory || "none")} → ${label(c.toCategory)})
          </li>`,
          )}</ol>`
    }
  </section>`;
}
