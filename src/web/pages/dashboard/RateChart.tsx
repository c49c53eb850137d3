// Incidents per 100,000 residents per year, by category, over all the countries counted together:
// one bar per category and year with its exact 95% interval as an error bar. A year without a
// population figure for every country is hatched and says so; it is never drawn as 0. Each bar
// links to the incidents behind it, and the figures are in a table below the chart.
import type { AnalysisRates } from "../../api/types.js";
import { HatchPattern, HatchSwatch } from "../../components/Swatch.js";
import { Link } from "../../lib/router.js";
import { CategoryLegend } from "./CategoryLegend.js";
import { formatInterval, formatPopulation, formatRate, rateTicks } from "./rate-format.js";

interface RateChartProps {
  rates: AnalysisRates;
  categoryLabel(code: string): string;
  /** A category's colour, the same as in the count chart. */
  colourOf(category: string): string;
  hrefOf(year: string, category: string): string;
}

const WIDTH = 960;
const HEIGHT = 280;
const MARGIN = { top: 14, right: 12, bottom: 36, left: 56 };
const HATCH_ID = "rate-chart-no-population";

export function RateChart({ rates, categoryLabel, colourOf, hrefOf }: RateChartProps) {
  const years = rates.dimensions.periods;
  const categories = rates.dimensions.categories;
  const rowOf = (year: string, category: string | null) => rates.combined.rows.find((r) => r.period === year && r.category === category && r.group === "all")!;
  const drawn = years.flatMap((year) => categories.map((category) => rowOf(year, category))).filter((r) => r.ci95 !== null);
  const ticks = rateTicks(Math.max(0, ...drawn.map((r) => r.ci95!.high)));
  const top = ticks[ticks.length - 1]!;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = plotWidth / Math.max(1, years.length);
  const barWidth = Math.max(3, Math.min(28, (band * 0.8) / Math.max(1, categories.length)));
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const missingYears = years.filter((year) => rowOf(year, null).rate_per_100k === null);

  if (years.length === 0 || categories.length === 0) return <p className="muted chart-empty">No incident matches these filters.</p>;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="chart-svg"
        role="group"
        aria-label="Incidents per 100,000 residents per year by category, with 95% intervals; each bar links to its incidents"
      >
        <defs>
          <HatchPattern id={HATCH_ID} />
        </defs>
        {ticks.map((t) => (
          <g key={t} aria-hidden="true">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text x={MARGIN.left - 6} y={y(t)} className="chart-tick" textAnchor="end" dominantBaseline="middle">
              {formatRate(t)}
            </text>
          </g>
        ))}
        {years.map((year, i) => {
          const left = MARGIN.left + i * band;
          const start = left + (band - barWidth * categories.length) / 2;
          const total = rowOf(year, null);
          if (total.rate_per_100k === null) {
            return (
              <g key={year} role="img" aria-label={`${year}: no rate, ${total.no_rate_reason}`}>
                <rect x={left + band * 0.1} y={MARGIN.top} width={band * 0.8} height={plotHeight} fill={`url(#${HATCH_ID})`} opacity={0.55} />
                <rect x={left + band / 2 - 62} y={MARGIN.top + plotHeight / 2 - 11} width={124} height={22} rx={3} className="chart-note-back" />
                <text x={left + band / 2} y={MARGIN.top + plotHeight / 2} className="chart-note" textAnchor="middle" dominantBaseline="middle">
                  No population figure
                </text>
                <text x={left + band / 2} y={HEIGHT - MARGIN.bottom + 18} className="chart-tick" textAnchor="middle">
                  {year}
                </text>
              </g>
            );
          }
          return (
            <g key={year}>
              {categories.map((category, j) => {
                const row = rowOf(year, category);
                const x = start + j * barWidth;
                const label = `${year}, ${categoryLabel(category)}: ${formatRate(row.rate_per_100k!)} per 100,000 (95% interval ${formatInterval(row.ci95!)}), ${row.incidents} incident${row.incidents === 1 ? "" : "s"}`;
                const cx = x + barWidth / 2;
                return (
                  <Link key={category} to={hrefOf(year, category)} aria-label={label} className="chart-link">
                    <rect
                      x={x + 1}
                      y={y(row.rate_per_100k!)}
                      width={barWidth - 2}
                      height={Math.max(row.incidents > 0 ? 1 : 0, y(0) - y(row.rate_per_100k!))}
                      fill={colourOf(category)}
                      className="chart-bar"
                    />
                    <g className={row.incidents === 0 ? "chart-whisker chart-whisker-zero" : "chart-whisker"}>
                      <line x1={cx} x2={cx} y1={y(row.ci95!.low)} y2={y(row.ci95!.high)} />
                      <line x1={cx - 3} x2={cx + 3} y1={y(row.ci95!.high)} y2={y(row.ci95!.high)} />
                      <line x1={cx - 3} x2={cx + 3} y1={y(row.ci95!.low)} y2={y(row.ci95!.low)} />
                    </g>
                    {/* A wide transparent target, so the thin bars and their whiskers are easy to point at. */}
                    <rect x={x} y={MARGIN.top} width={barWidth} height={plotHeight} fill="transparent" />
                    <title>{label}</title>
                  </Link>
                );
              })}
              <text x={left + band / 2} y={HEIGHT - MARGIN.bottom + 18} className="chart-tick" textAnchor="middle" aria-hidden="true">
                {year}
              </text>
            </g>
          );
        })}
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} className="chart-axis" aria-hidden="true" />
      </svg>
      <figcaption>
        <CategoryLegend categories={categories} colourOf={colourOf} categoryLabel={categoryLabel}>
          <li>
            <svg className="legend-swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
              <path d="M6 1v10M3 1h6M3 11h6" className="chart-whisker" />
            </svg>
            95% interval (exact Poisson; grey where no incident was counted)
          </li>
          {missingYears.length > 0 ? (
            <li>
              <HatchSwatch />
              no population figure: no rate
            </li>
          ) : null}
        </CategoryLegend>
        {missingYears.map((year) => (
          <p key={year} className="muted small">
            {year}: {rowOf(year, null).no_rate_reason}.
          </p>
        ))}
      </figcaption>
      <details className="chart-data">
        <summary>The chart's figures as a table</summary>
        <div className="table-scroll">
          <table className="table table-compact">
            <caption className="visually-hidden">Incidents per 100,000 residents per year and category, all countries together</caption>
            <thead>
              <tr>
                <th scope="col">Year</th>
                <th scope="col">Category</th>
                <th scope="col" className="numeric">
                  Incidents
                </th>
                <th scope="col" className="numeric">
                  Rate per 100,000
                </th>
                <th scope="col" className="numeric">
                  95% interval
                </th>
                <th scope="col" className="numeric">
                  Population
                </th>
              </tr>
            </thead>
            <tbody>
              {years.flatMap((year) =>
                [null, ...categories].map((category) => {
                  const row = rowOf(year, category);
                  return (
                    <tr key={`${year}-${category ?? "all"}`} className={category === null ? "row-emphasis" : undefined}>
                      <th scope="row">{year}</th>
                      <td>{category === null ? "All categories" : `${category} · ${categoryLabel(category)}`}</td>
                      <td className="numeric">{row.incidents}</td>
                      <td className="numeric">{row.rate_per_100k === null ? <span className="muted">no rate</span> : formatRate(row.rate_per_100k)}</td>
                      <td className="numeric">{row.ci95 ? formatInterval(row.ci95) : "—"}</td>
                      <td className="numeric">
                        {row.denominator ? formatPopulation(row.denominator.value) : <span className="muted">{row.no_rate_reason}</span>}
                      </td>
                    </tr>
                  );
                }),
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
