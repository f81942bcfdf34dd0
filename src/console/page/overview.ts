import { useMemo } from "preact/hooks";
import type { SignalChange } from "../../inspect/changes.js";
import { html } from "./html.js";
import { LiveChanges } from "./liveChanges.js";
import {
  CATEGORIES,
  countByCategory,
  type Filter,
  filterRows,
  formatAge,
  formatNumber,
  formatTime,
  label,
  type Row,
  SIGNALS,
  type Sort,
  type SortKey,
  sortRows,
} from "./model.js";

/** Rows per page: 10,000 symbols stay quick because only one page is in the DOM. */
export const PAGE_SIZE = 100;

export interface OverviewView {
  sort: Sort;
  filter: Filter;
  page: number;
}

const COLUMNS: readonly { key: SortKey; title: string; numeric?: boolean }[] = [
  { key: "symbol", title: "Symbol" },
  { key: "signal", title: "Signal" },
  { key: "category", title: "Category" },
  { key: "peRatio", title: "P/E", numeric: true },
  { key: "price", title: "Price", numeric: true },
  { key: "eps", title: "EPS", numeric: true },
  { key: "observedAt", title: "Observed (UTC)" },
];

export interface OverviewProps {
  rows: Row[];
  view: OverviewView;
  onView: (view: OverviewView) => void;
  now: number;
  /** Symbols changed by the live feed a moment ago, highlighted. */
  fresh: ReadonlySet<string>;
  changes: SignalChange[];
}

/** The overview: counts per category, filters, and one sortable page of the table. */
export function Overview({ rows, view, onView, now, fresh, changes }: OverviewProps) {
  const counts = useMemo(() => countByCategory(rows), [rows]);
  const shown = useMemo(
    () => sortRows(filterRows(rows, view.filter), view.sort),
    [rows, view.filter, view.sort],
  );
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(view.page, pages - 1);
  const slice = shown.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  const setFilter = (patch: Partial<Filter>) =>
    onView({ ...view, filter: { ...view.filter, ...patch }, page: 0 });
  const sortBy = (key: SortKey) =>
    onView({ ...view, sort: { key, descending: view.sort.key === key ? !view.sort.descending : false } });
  return html`
    <section aria-labelledby="counts-title">
      <h2 id="counts-title">Symbols per category</h2>
      <ul class="counts">
        ${CATEGORIES.map(
          (category) => html`<li key=${category}>
            <button type="button" class=${`chip cat-${category}`} aria-pressed=${view.filter.category === category}
              data-category=${category}
              onClick=${() => setFilter({ category: view.filter.category === category ? "" : category })}>
              ${label(category)} <strong>${counts[category]}</strong>
            </button>
          </li>`,
        )}
      </ul>
    </section>
    <${LiveChanges} changes=${changes} />
    <section aria-labelledby="table-title">
      <h2 id="table-title">Latest signal per symbol</h2>
      <div class="filters">
        <label>Filter symbols <input type="search" value=${view.filter.text} placeholder="AAPL"
          onInput=${(e: Event) => setFilter({ text: (e.target as HTMLInputElement).value })} /></label>
        <label>Category <select value=${view.filter.category}
          onChange=${(e: Event) => setFilter({ category: (e.target as HTMLSelectElement).value })}>
          <option value="">all</option>
          ${CATEGORIES.map((c) => html`<option key=${c} value=${c}>${label(c)}</option>`)}
        </select></label>
        <label>Signal <select value=${view.filter.signal}
          onChange=${(e: Event) => setFilter({ signal: (e.target as HTMLSelectElement).value })}>
          <option value="">all</option>
          ${SIGNALS.map((s) => html`<option key=${s} value=${s}>${s}</option>`)}
        </select></label>
        <span class="shown" aria-live="polite">${shown.length} of ${rows.length} symbols</span>
      </div>
      <table class="overview">
        <caption class="visually-hidden">Every tracked symbol with its latest signal; sort with the column buttons.</caption>
        <thead><tr>
          ${COLUMNS.map(
            (column) => html`<th key=${column.key} scope="col" class=${column.numeric ? "num" : ""}
              aria-sort=${view.sort.key === column.key ? (view.sort.descending ? "descending" : "ascending") : "none"}>
              <button type="button" class="sort" onClick=${() => sortBy(column.key)}>
                ${column.title}<span aria-hidden="true">${view.sort.key === column.key ? (view.sort.descending ? " ▼" : " ▲") : ""}</span>
              </button>
            </th>`,
          )}
          <th scope="col" class="num">Age</th>
        </tr></thead>
        <tbody>
          ${slice.map((row) => html`<${OverviewRow} key=${row.symbol} row=${row} now=${now} fresh=${fresh.has(row.symbol)} />`)}
        </tbody>
      </table>
      ${shown.length === 0 ? html`<p class="empty">${rows.length === 0 ? "No symbols stored yet: replay some records (bavest-signals replay fixtures/sample.json --local)." : "No symbol matches the filters."}</p>` : null}
      <${Pager} page=${page} pages=${pages} total=${shown.length} onPage=${(p: number) => onView({ ...view, page: p })} />
    </section>
  `;
}

function OverviewRow({ row, now, fresh }: { row: Row; now: number; fresh: boolean }) {
  const s = row.latest;
  const href = `#/symbol/${encodeURIComponent(row.symbol)}`;
  return html`<tr data-symbol=${row.symbol} class=${fresh ? "fresh" : ""}>
    <th scope="row"><a href=${href}>${row.symbol}</a></th>
    <td><span class=${`badge sig-${s?.signal ?? "unknown"}`}>${s?.signal ?? ""}</span></td>
    <td data-field="category">${s ? label(s.category) : ""}</td>
    <td class="num">${formatNumber(s?.peRatio)}</td>
    <td class="num">${formatNumber(s?.price)}${s?.currency ? html` <span class="unit">${s.currency}</span>` : ""}</td>
    <td class="num">${formatNumber(s?.eps)}</td>
    <td><time datetime=${s?.observedAt ?? ""}>${formatTime(s?.observedAt)}</time></td>
    <td class="num">${s ? formatAge(now - Date.parse(s.observedAt)) : ""}</td>
  </tr>`;
}

function Pager({
  page,
  pages,
  total,
  onPage,
}: {
  page: number;
  pages: number;
  total: number;
  onPage: (page: number) => void;
}) {
  if (pages <= 1) return null;
  return html`<nav class="pager" aria-label="Table pages">
    <button type="button" disabled=${page === 0} onClick=${() => onPage(page - 1)}>Previous</button>
    <span>Rows ${page * PAGE_SIZE + 1}-${Math.min(total, (page + 1) * PAGE_SIZE)} of ${total} (page ${page + 1} of ${pages})</span>
    <button type="button" disabled=${page >= pages - 1} onClick=${() => onPage(page + 1)}>Next</button>
  </nav>`;
}
