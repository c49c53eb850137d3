// A report's bar or line chart as inline SVG: one bar per series and x value (or one line per
// series), 95% interval whiskers where a point has them, and a gap where a value is null — marked
// "n/a" on the axis for a bar, a break in the line — never drawn as 0. The SVG is one image with a
// text alternative that states every figure; the same figures are in a table below it.
import type { ReactNode } from "react";
import { Swatch } from "../../../components/Swatch.js";
import {
  chartCategories,
  chartDecimals,
  chartValues,
  formatNumber,
  hasInterval,
  niceTicks,
  NO_DATA,
  pointText,
  SERIES_COLOURS,
  type ChartBlock,
} from "./figures.js";

const WIDTH = 720;
const HEIGHT = 280;
const MARGIN = { top: 26, right: 16, bottom: 44, left: 64 };

interface ChartProps {
  chart: ChartBlock;
  /** The x value as a reader says it: a category code with its name, a month, a country. */
  xLabel(x: string): string;
  /** The footnote reference after the title. */
  note: ReactNode;
}

export function ReportChart({ chart, xLabel, note }: ChartProps) {
  const categories = chartCategories(chart);
  const decimals = chartDecimals(chart);
  const values = chartValues(chart);
  const integers = values.every(Number.isInteger);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 5, integers);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = plotWidth / Math.max(1, categories.length);
  const y = (value: number) => MARGIN.top + plotHeight - ((value - ticks.min) / (ticks.max - ticks.min || 1)) * plotHeight;
  const centre = (i: number) => MARGIN.left + band * (i + 0.5);
  const labelEvery = Math.ceil(categories.length / 12);
  const colour = (s: number) => SERIES_COLOURS[s % SERIES_COLOURS.length]!;
  const seriesCount = chart.series.length;
  const barWidth = Math.max(3, Math.min(56, (band * 0.7) / Math.max(1, seriesCount)));
  const anyInterval = chart.series.some((s) => s.points.some(hasInterval));
  const anyGap = chart.series.some((s) => s.points.some((p) => p.y === null));
  const kindWord = chart.kind === "bar" ? "Bar chart" : "Line chart";
  const description = `${kindWord}: ${chart.title}, in ${chart.unit}. ${chart.series
    .map(
      (s) =>
        `${seriesCount > 1 ? `${s.label}: ` : ""}${categories
          .map(
            (x) =>
              `${xLabel(x)} ${pointText(
                s.points.find((p) => p.x === x),
                decimals,
              )}`,
          )
          .join("; ")}`,
    )
    .join(". ")}.`;

  const whisker = (x: number, low: number, high: number, key: string) => (
    <g key={key} className="report-chart-whisker">
      <line x1={x} x2={x} y1={y(low)} y2={y(high)} />
      <line x1={x - 4} x2={x + 4} y1={y(low)} y2={y(low)} />
      <line x1={x - 4} x2={x + 4} y1={y(high)} y2={y(high)} />
    </g>
  );

  const marks = chart.series.map((series, s) => {
    const byX = new Map(series.points.map((p) => [p.x, p]));
    if (chart.kind === "bar") {
      return (
        <g key={series.label}>
          {categories.map((x, i) => {
            const point = byX.get(x);
            const left = centre(i) - (barWidth * seriesCount) / 2 + barWidth * s;
            if (!point || point.y === null) {
              return (
                <text key={x} x={left + barWidth / 2} y={y(0) - 4} textAnchor="middle" className="report-chart-na">
                  n/a
                </text>
              );
            }
            const top = y(Math.max(0, point.y));
            const bottom = y(Math.min(0, point.y));
            return (
              <g key={x}>
                <rect x={left + 1} y={top} width={Math.max(1, barWidth - 2)} height={Math.max(point.y === 0 ? 0 : 1, bottom - top)} fill={colour(s)} />
                {hasInterval(point) ? whisker(left + barWidth / 2, point.low!, point.high!, `w-${x}`) : null}
              </g>
            );
          })}
        </g>
      );
    }
    // Line: segments between consecutive points with values; a null point breaks the line.
    const segments: string[] = [];
    let current: string[] = [];
    categories.forEach((x, i) => {
      const point = byX.get(x);
      if (!point || point.y === null) {
        if (current.length > 0) segments.push(current.join(" "));
        current = [];
        return;
      }
      current.push(`${current.length === 0 ? "M" : "L"}${centre(i).toFixed(1)},${y(point.y).toFixed(1)}`);
    });
    if (current.length > 0) segments.push(current.join(" "));
    return (
      <g key={series.label}>
        {segments.map((d, i) => (
          <path key={i} d={d} fill="none" stroke={colour(s)} className="report-chart-line" />
        ))}
        {categories.map((x, i) => {
          const point = byX.get(x);
          if (!point || point.y === null) return null;
          return (
            <g key={x}>
              {hasInterval(point) ? whisker(centre(i), point.low!, point.high!, `w-${x}`) : null}
              <circle cx={centre(i)} cy={y(point.y)} r={3} fill={colour(s)} />
            </g>
          );
        })}
      </g>
    );
  });

  return (
    <figure className="report-figure">
      <figcaption className="report-figure-title">
        {chart.title}
        {note}
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="report-chart-svg" role="img" aria-label={description}>
        <text x={MARGIN.left} y={14} className="report-chart-unit">
          {chart.unit}
        </text>
        {ticks.values.map((t) => (
          <g key={t}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text x={MARGIN.left - 6} y={y(t)} className="chart-tick" textAnchor="end" dominantBaseline="middle">
              {formatNumber(t, ticks.decimals)}
            </text>
          </g>
        ))}
        {marks}
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} className="chart-axis" />
        {categories.map((x, i) =>
          i % labelEvery === 0 ? (
            <text key={x} x={centre(i)} y={HEIGHT - MARGIN.bottom + 16} className="chart-tick" textAnchor="middle">
              {shortX(x)}
            </text>
          ) : null,
        )}
      </svg>
      {seriesCount > 1 || anyInterval || anyGap ? (
        <ul className="legend" aria-label="Legend">
          {seriesCount > 1 || chart.kind === "line"
            ? chart.series.map((series, s) => (
                <li key={series.label}>
                  <Swatch colour={colour(s)} />
                  {series.label}
                </li>
              ))
            : null}
          {anyInterval ? (
            <li>
              <svg className="legend-swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
                <g className="report-chart-whisker">
                  <line x1="6" x2="6" y1="1" y2="11" />
                  <line x1="3" x2="9" y1="1" y2="1" />
                  <line x1="3" x2="9" y1="11" y2="11" />
                </g>
              </svg>
              95% interval
            </li>
          ) : null}
          {anyGap ? <li>n/a: {NO_DATA} (not drawn as 0)</li> : null}
        </ul>
      ) : null}
      <details className="chart-data">
        <summary>The chart's figures as a table</summary>
        <div className="table-scroll">
          <table className="table table-compact report-table">
            <caption className="visually-hidden">{chart.title}</caption>
            <thead>
              <tr>
                <th scope="col">{categories.every((c) => /^\d{4}/.test(c)) ? "Period" : "Category"}</th>
                {chart.series.map((series) => (
                  <th key={series.label} scope="col" className="numeric">
                    {seriesCount === 1 ? `${series.label} (${chart.unit})` : series.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {categories.map((x) => (
                <tr key={x}>
                  <th scope="row">{xLabel(x)}</th>
                  {chart.series.map((series) => (
                    <td key={series.label} className="numeric">
                      {pointText(
                        series.points.find((p) => p.x === x),
                        decimals,
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The axis label: "Mar 25" for a month, the value itself otherwise (codes are short). */
function shortX(x: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(x);
  if (month) return `${MONTHS[Number(month[2]) - 1] ?? month[2]} ${month[1]!.slice(2)}`;
  return x;
}
