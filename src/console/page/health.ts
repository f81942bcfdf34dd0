import { useEffect, useState } from "preact/hooks";
import type { StatusReport, Verdict } from "../../status/types.js";
import { fetchJson } from "./fetchJson.js";
import { html } from "./html.js";
import { formatTime } from "./model.js";

/** How often the health panel asks again. */
export const HEALTH_EVERY_MS = 5_000;

const PARTS = ["ingestion", "stream", "processing", "redis", "alarms"] as const;

/** The verdicts of `status --json`, asked for again every few seconds. */
export function HealthPanel() {
  const [report, setReport] = useState<StatusReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const check = () =>
      fetchJson<StatusReport>("/api/health")
        .then((body) => {
          if (!current) return;
          setReport(body);
          setError(null);
        })
        .catch((cause: Error) => current && setError(cause.message));
    void check();
    const timer = setInterval(check, HEALTH_EVERY_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, []);
  return html`<section aria-labelledby="health-title" class="health">
    <h2 id="health-title">Health ${report ? html`<span class=${`badge health-${report.health}`}>${report.health}</span>` : null}</h2>
    ${error ? html`<p class="error">Health unknown: ${error}</p>` : null}
    ${
      report
        ? html`<p class="reason">${report.reason} <span class="unit">(checked ${formatTime(report.checkedAt)} UTC)</span></p>
      <ul class="parts">${PARTS.map((part) => {
        const verdict = report[part] as Verdict | undefined;
        return verdict
          ? html`<li key=${part} data-part=${part}><span class=${`badge health-${verdict.health}`}>${verdict.health}</span> <strong>${part}</strong>: ${verdict.reason}</li>`
          : null;
      })}</ul>`
        : error
          ? null
          : html`<p>Checking...</p>`
    }
  </section>`;
}

interface RejectedRecord {
  reason?: unknown;
  partitionKey?: unknown;
  sequenceNumber?: unknown;
  rejectedAt?: unknown;
  data?: unknown;
  raw?: unknown;
}

const text = (value: unknown) =>
  value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);

/** The quarantine (`inspect --rejected`): every rejected record with its reason, newest first. */
export function Quarantine({ version }: { version: number }) {
  const [records, setRecords] = useState<RejectedRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    fetchJson<{ rejected: RejectedRecord[] }>("/api/rejected")
      .then((body) => {
        setRecords(body.rejected);
        setError(null);
      })
      .catch((cause: Error) => setError(cause.message));
  }, [version]);
  return html`<p><a href="#/">← All symbols</a></p>
    <h2>Quarantine: rejected records</h2>
    <p>Records the pipeline could not use: kept with the reason, never retried.</p>
    ${error ? html`<p role="alert" class="error">${error}</p>` : null}
    ${
      records === null
        ? error
          ? null
          : html`<p>Loading...</p>`
        : records.length === 0
          ? html`<p class="empty">Nothing rejected.</p>`
          : html`
      <table class="rejected">
        <thead><tr><th scope="col">Rejected at</th><th scope="col">Reason</th><th scope="col">Partition key</th><th scope="col">Data</th></tr></thead>
        <tbody>${records.map(
          (r, i) => html`<tr key=${i}><td>${text(r.rejectedAt)}</td><td class="reason">${text(r.reason)}</td>
            <td>${text(r.partitionKey)}</td><td><code>${text(r.data ?? r.raw).slice(0, 200)}</code></td></tr>`,
        )}</tbody>
      </table>`
    }`;
}
