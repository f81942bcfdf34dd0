import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import type { Signal, Thresholds } from "../../core/signal.js";
import { html } from "./html.js";
import { label, peBands } from "./model.js";

/** Band fills behind the P/E line, one per category (light, so the line stays readable). */
export const BAND_COLOURS: Readonly<Record<string, string>> = {
  undervalued: "rgba(22, 163, 74, 0.14)",
  fair_value: "rgba(101, 163, 13, 0.14)",
  growth_stock: "rgba(234, 179, 8, 0.16)",
  expensive: "rgba(234, 88, 12, 0.14)",
  highly_speculative: "rgba(220, 38, 38, 0.14)",
};

/** Draws the category bands of the P/E scale behind the series, clipped to the plot. */
function bandsPlugin(thresholds: Thresholds): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u) => {
        const { ctx, bbox } = u;
        const top = u.scales.pe?.max ?? 0;
        ctx.save();
        ctx.beginPath();
        ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
        ctx.clip();
        for (const band of peBands(thresholds)) {
          if (band.low >= top) continue;
          const y0 = u.valToPos(band.low, "pe", true);
          const y1 = u.valToPos(Math.min(band.high, top), "pe", true);
          ctx.fillStyle = BAND_COLOURS[band.category] ?? "transparent";
          ctx.fillRect(bbox.left, y1, bbox.width, y0 - y1);
        }
        ctx.restore();
      },
    },
  };
}

/** The history, oldest first, as uPlot's columns: seconds, P/E, price. */
export function chartColumns(history: readonly Signal[]): uPlot.AlignedData {
  const points = history
    .filter((s) => Number.isFinite(Date.parse(s.observedAt)))
    .sort((a, b) => Date.parse(a.observedAt) - Date.parse(b.observedAt));
  return [
    points.map((s) => Date.parse(s.observedAt) / 1000),
    points.map((s) => s.peRatio),
    points.map((s) => s.price),
  ];
}

export interface PeChartProps {
  history: Signal[];
  thresholds: Thresholds;
  symbol: string;
}

/**
 * The P/E (left axis) and price (right axis) over time with the category bands behind them.
 * Hovering shows the values in the legend; dragging across zooms to that range.
 */
export function PeChart({ history, thresholds, symbol }: PeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const data = chartColumns(history);
    const options: uPlot.Options = {
      width: Math.max(320, element.clientWidth),
      height: 340,
      // Times in UTC, as the tables beside the chart show them.
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), "Etc/UTC"),
      plugins: [bandsPlugin(thresholds)],
      hooks: {
        // The zoomed range, readable from outside the canvas (tests, assistive tools).
        setScale: [
          (u, key) => {
            if (key !== "x") return;
            element.dataset.xMin = String(u.scales.x?.min ?? "");
            element.dataset.xMax = String(u.scales.x?.max ?? "");
          },
        ],
      },
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: { time: true },
        pe: { range: (_u, _min, max) => [0, Math.max(thresholds.expensiveBelow * 1.1, (max ?? 0) * 1.15)] },
        price: { auto: true },
      },
      axes: [
        { stroke: "#1f2937" },
        { scale: "pe", label: "P/E", stroke: "#1f2937" },
        { scale: "price", label: "Price", side: 1, stroke: "#1f2937", grid: { show: false } },
      ],
      series: [
        { label: "Time" },
        { label: "P/E", scale: "pe", stroke: "#1d4ed8", width: 2, points: { show: true, size: 6 } },
        {
          label: "Price",
          scale: "price",
          stroke: "#7c3aed",
          width: 1.5,
          dash: [6, 4],
          points: { show: true, size: 4 },
        },
      ],
    };
    plot.current = new uPlot(options, data, element);
    const resize = new ResizeObserver(() =>
      plot.current?.setSize({ width: Math.max(320, element.clientWidth), height: 340 }),
    );
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [history, thresholds]);
  const zoomIn = () => {
    const x = plot.current?.scales.x;
    if (x?.min == null || x.max == null) return;
    const quarter = (x.max - x.min) / 4;
    plot.current?.setScale("x", { min: x.min + quarter, max: x.max - quarter });
  };
  const resetZoom = () => {
    const xs = plot.current?.data[0];
    if (xs && xs.length > 0)
      plot.current?.setScale("x", { min: xs[0] as number, max: xs[xs.length - 1] as number });
  };
  return html`<figure class="chart">
    <figcaption>P/E and price of ${symbol} over time, UTC (${history.length} observations). Drag across the chart (or use Zoom in) to zoom; hover for values.</figcaption>
    <div class="chart-box" ref=${box} data-points=${history.length}></div>
    <div class="chart-tools">
      <button type="button" onClick=${zoomIn}>Zoom in</button>
      <button type="button" onClick=${resetZoom}>Reset zoom</button>
      <ul class="band-legend" aria-label="Category bands">
        ${peBands(thresholds).map(
          (band) => html`<li key=${band.category}><span class="swatch" data-band=${band.category}></span>
            ${label(band.category)}: P/E ${band.low}${Number.isFinite(band.high) ? `-${band.high}` : "+"}</li>`,
        )}
      </ul>
    </div>
  </figure>`;
}
