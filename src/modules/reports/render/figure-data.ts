// Charts and maps as tables of their values: how Markdown and the cable show a figure (text cannot
// draw), and the alternative text of the drawn ones. A missing figure reads "no data", never 0.
import type { Block, TableColumn } from "../document.js";
import { countryName } from "./common.js";

type ChartBlock = Extract<Block, { type: "chart" }>;
type MapBlock = Extract<Block, { type: "map" }>;

export interface FigureTable {
  columns: TableColumn[];
  rows: string[][];
}

export const NO_DATA = "no data";

/** Fewest decimals (0–2) that show every value of a figure exactly, or 2. */
export function decimalsFor(values: readonly number[]): number {
  for (const decimals of [0, 1, 2]) {
    const scale = 10 ** decimals;
    if (values.every((v) => Math.abs(Math.round(v * scale) - v * scale) < 1e-6)) return decimals;
  }
  return 2;
}

/** "12,345.6": thousands separated by commas, a point before decimals, "−" never (plain "-"). */
export function formatNumber(value: number, decimals: number): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = "0", fraction] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

const PERIOD = /^\d{4}(-(\d{2}|Q[1-4]|W\d{2}|H[12])(-\d{2})?)?$/;

/** The x values of a chart in order of first appearance across its series. */
export function chartCategories(chart: ChartBlock): string[] {
  const seen = new Set<string>();
  for (const series of chart.series) for (const point of series.points) seen.add(point.x);
  return [...seen];
}

export function chartValues(chart: ChartBlock): number[] {
  const values: number[] = [];
  for (const series of chart.series) {
    for (const p of series.points) for (const v of [p.y, p.low, p.high]) if (typeof v === "number") values.push(v);
  }
  return values;
}

/** Decimals for a chart's values and, apart, for its intervals (counts stay whole beside 77.8–117.2). */
export function chartDecimals(chart: ChartBlock): { value: number; interval: number } {
  const values = chart.series.flatMap((s) => s.points.flatMap((p) => (p.y === null ? [] : [p.y])));
  const bounds = chart.series.flatMap((s) => s.points.flatMap((p) => [p.low, p.high].filter((v): v is number => typeof v === "number")));
  return { value: decimalsFor(values), interval: decimalsFor(bounds) };
}

function hasInterval(series: ChartBlock["series"][number]): boolean {
  return series.points.some((p) => typeof p.low === "number" && typeof p.high === "number");
}

export function chartTable(chart: ChartBlock): FigureTable {
  const categories = chartCategories(chart);
  const decimals = chartDecimals(chart);
  const xLabel = categories.every((c) => PERIOD.test(c)) ? "Period" : "Category";
  const columns: TableColumn[] = [{ label: xLabel, align: "left" }];
  for (const series of chart.series) {
    columns.push({ label: chart.series.length === 1 ? `${series.label} (${chart.unit})` : series.label, align: "right" });
    if (hasInterval(series)) columns.push({ label: "95% interval", align: "right" });
  }
  const rows = categories.map((x) => {
    const row = [x];
    for (const series of chart.series) {
      const point = series.points.find((p) => p.x === x);
      row.push(point && point.y !== null ? formatNumber(point.y, decimals.value) : NO_DATA);
      if (hasInterval(series)) {
        const low = point?.low;
        const high = point?.high;
        row.push(typeof low === "number" && typeof high === "number" ? `${formatNumber(low, decimals.interval)}–${formatNumber(high, decimals.interval)}` : "—");
      }
    }
    return row;
  });
  return { columns, rows };
}

export function mapTable(map: MapBlock): FigureTable {
  const decimals = decimalsFor(map.values.flatMap((v) => (v.value === null ? [] : [v.value])));
  return {
    columns: [
      { label: "Country", align: "left" },
      { label: map.unit.charAt(0).toUpperCase() + map.unit.slice(1), align: "right" },
    ],
    rows: map.values.map((v) => [`${countryName(v.country)} (${v.country})`, v.value === null ? NO_DATA : formatNumber(v.value, decimals)]),
  };
}
