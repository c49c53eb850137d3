// The numbers behind the report's figures, with no I/O and no Node API, so the PDF and DOCX
// renderers on the server and the report pages in the browser scale, round and class the same
// figures the same way. A missing figure is "no data", never 0.
import type { Block } from "../document.js";

type ChartBlock = Extract<Block, { type: "chart" }>;

/** Series colours: distinguishable with the common colour-vision deficiencies, dark enough on white. */
export const SERIES_COLOURS = ["#1f5fa8", "#c25400", "#007a5a", "#a8457f", "#5e3c99", "#7a6a00"];

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
  // Small rates (0.00241 per 100,000) keep three significant digits rather than round to 0.00.
  if (value !== 0 && Math.abs(value) < 0.01 && decimals <= 2) return String(Number(value.toPrecision(3)));
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole = "0", fraction] = fixed.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const negative = value < 0 && Number(fixed) !== 0;
  return `${negative ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

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

export interface Ticks {
  /** The axis runs from min to max (both ticks). */
  min: number;
  max: number;
  step: number;
  values: number[];
  decimals: number;
}

/** Round steps (1, 2 or 5 × 10^k) covering [low, high] in about `target` intervals; 0 always included. */
export function niceTicks(low: number, high: number, target = 5, integers = false): Ticks {
  let min = Math.min(0, low);
  let max = Math.max(0, high);
  if (max === min) max = min + 1;
  const raw = (max - min) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  let step = (residual >= 7.5 ? 10 : residual >= 3.5 ? 5 : residual >= 1.5 ? 2 : 1) * magnitude;
  if (integers && step < 1) step = 1;
  min = Math.floor(min / step + 1e-9) * step;
  max = Math.ceil(max / step - 1e-9) * step;
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const values: number[] = [];
  for (let i = Math.round(min / step); i <= Math.round(max / step); i++) values.push(Number((i * step).toFixed(decimals)));
  return { min, max, step, values, decimals };
}

/** Sequential blues, light to dark (ColorBrewer "Blues"); "no data" is a neutral grey apart from them. */
export const CLASS_COLOURS = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
export const NO_DATA_COLOUR = "#c8c8c8";

export interface MapClass {
  lower: number;
  upper: number;
  colour: string;
  label: string;
}

/** Up to five classes of equal, rounded width from 0 (or the lowest value) to the highest value. */
export function mapClasses(values: readonly number[]): MapClass[] {
  if (values.length === 0) return [];
  const integers = values.every(Number.isInteger);
  const low = Math.min(0, ...values);
  const high = Math.max(...values);
  let ticks = niceTicks(low, high, 5, integers);
  for (let target = 4; ticks.values.length - 1 > CLASS_COLOURS.length && target > 0; target--) ticks = niceTicks(low, high, target, integers);
  const bounds = ticks.values;
  const count = bounds.length - 1;
  const decimals = Math.max(ticks.decimals, integers ? 0 : decimalsFor(values));
  return bounds.slice(0, -1).map((lower, i) => {
    const upper = bounds[i + 1]!;
    const last = i === count - 1;
    const colour = CLASS_COLOURS[count === 1 ? CLASS_COLOURS.length - 1 : Math.round((i * (CLASS_COLOURS.length - 1)) / (count - 1))]!;
    let label: string;
    if (integers) {
      const top = last ? upper : upper - 1;
      label = top <= lower ? formatNumber(lower, 0) : `${formatNumber(lower, 0)}–${formatNumber(top, 0)}`;
    } else {
      label = `${formatNumber(lower, decimals)} to ${last ? "" : "<"}${formatNumber(upper, decimals)}`;
    }
    return { lower, upper, colour, label };
  });
}

export function classOf(value: number, classes: readonly MapClass[]): MapClass | undefined {
  for (let i = classes.length - 1; i >= 0; i--) if (value >= classes[i]!.lower) return classes[i];
  return classes[0];
}
