// Charts and maps as tables of their values: how Markdown and the cable show a figure (text cannot
// draw), and the alternative text of the drawn ones. A missing figure reads "no data", never 0.
import type { Block, TableColumn } from "../document.js";
import { countryName } from "./common.js";
import { chartCategories, chartDecimals, chartValues, decimalsFor, formatNumber, NO_DATA } from "./scales.js";

export { chartCategories, chartDecimals, chartValues, decimalsFor, formatNumber, NO_DATA };

type ChartBlock = Extract<Block, { type: "chart" }>;
type MapBlock = Extract<Block, { type: "map" }>;

export interface FigureTable {
  columns: TableColumn[];
  rows: string[][];
}

const PERIOD = /^\d{4}(-(\d{2}|Q[1-4]|W\d{2}|H[12])(-\d{2})?)?$/;

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
        row.push(
          typeof low === "number" && typeof high === "number" ? `${formatNumber(low, decimals.interval)}–${formatNumber(high, decimals.interval)}` : "—",
        );
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
