// Numbers and scales for the report's charts and map, as the server's renderers draw them
// (src/modules/reports/render/figure-data.ts, chart-geometry.ts, map-geometry.ts), so the page, the
// PDF and the DOCX show the same figures the same way. A missing figure is "no data", never 0.
import type { ReportBlock } from "../../../api/types.js";
import {
  chartCategories,
  chartDecimals,
  chartValues,
  classOf,
  decimalsFor,
  formatNumber,
  mapClasses,
  NO_DATA,
  NO_DATA_COLOUR,
  niceTicks,
  SERIES_COLOURS,
} from "../../../../modules/reports/render/scales.js";

export { chartCategories, chartDecimals, chartValues, classOf, decimalsFor, formatNumber, mapClasses, NO_DATA, NO_DATA_COLOUR, niceTicks, SERIES_COLOURS };

export type ChartBlock = Extract<ReportBlock, { type: "chart" }>;
export type MapBlock = Extract<ReportBlock, { type: "map" }>;

/** Countries the report does not cover. */
export const OUTSIDE_COLOUR = "#f4f5f6";

const isNumber = (v: number | null | undefined): v is number => typeof v === "number";

export function hasInterval(point: { low?: number | null | undefined; high?: number | null | undefined }): boolean {
  return isNumber(point.low) && isNumber(point.high);
}

/** A point as words: "12 (95% interval 8.1–17.3)", or "no data". */
export function pointText(point: ChartBlock["series"][number]["points"][number] | undefined, decimals: { value: number; interval: number }): string {
  if (!point || !isNumber(point.y)) return NO_DATA;
  const interval = hasInterval(point) ? ` (95% interval ${formatNumber(point.low!, decimals.interval)}–${formatNumber(point.high!, decimals.interval)})` : "";
  return `${formatNumber(point.y, decimals.value)}${interval}`;
}
