// Incidents per month, stacked by top-level category, as an SVG bar chart. Each bar segment is a
// link to the incidents behind it (keyboard: Tab through them; each says what it counts), and the
// same figures are in a table below the chart for anyone who does not read charts.
import type { AnalysisCounts } from "../../api/types.js";
import { monthLabel } from "../../lib/labels.js";
import { Link } from "../../lib/router.js";
import { CategoryLegend } from "./CategoryLegend.js";
import { categoryColour } from "./palette.js";

interface TrendChartProps {
  counts: AnalysisCounts;
  categoryLabel(code: string): string;
  hrefOf(period: string, category: string): string;
}

const WIDTH = 960;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 12, bottom: 40, left: 44 };

export function TrendChart({ counts, categoryLabel, hrefOf }: TrendChartProps) {
  const periods = counts.dimensions.periods;
  const categories = counts.dimensions.categories;
  const colourOf = (category: string) => categoryColour(categories.indexOf(category));
  const cell = new Map(counts.by_period_category.map((r) => [`${r.period}|${r.category}`, r.incidents]));
  // Stacked heights add category counts: an incident under two categories is in two segments.
  const stackTotal = (period: string) => categories.reduce((sum, c) => sum + (cell.get(`${period}|${c}`) ?? 0), 0);
  const max = Math.max(1, ...periods.map(stackTotal));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1]!;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = plotWidth / Math.max(1, periods.length);
  const barWidth = Math.max(2, Math.min(48, band * 0.7));
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const labelEvery = Math.ceil(periods.length / 12);
  const used = categories.filter((c) => counts.by_category.some((r) => r.category === c && r.incidents > 0));

  if (periods.length === 0) return <p className="muted chart-empty">No incident matches these filters.</p>;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="chart-svg"
        role="group"
        aria-label="Incidents per month by category; each bar segment links to its incidents"
      >
        {ticks.map((t) => (
          <g key={t} aria-hidden="true">
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text x={MARGIN.left - 6} y={y(t)} className="chart-tick" textAnchor="end" dominantBaseline="middle">
              {t}
            </text>
          </g>
        ))}
        {periods.map((period, i) => {
          const x = MARGIN.left + i * band + (band - barWidth) / 2;
          let base = 0;
          return (
            <g key={period}>
              {categories.map((category) => {
                const n = cell.get(`${period}|${category}`) ?? 0;
                if (n === 0) return null;
                const y0 = y(base + n);
                const h = y(base) - y0;
                base += n;
                const label = `${monthLabel(period)}, ${categoryLabel(category)}: ${n} incident${n === 1 ? "" : "s"}`;
                return (
                  <Link key={category} to={hrefOf(period, category)} aria-label={label} className="chart-link">
                    <rect x={x} y={y0} width={barWidth} height={Math.max(1, h)} fill={colourOf(category)} className="chart-bar">
                      <title>{label}</title>
                    </rect>
                  </Link>
                );
              })}
              {i % labelEvery === 0 ? (
                <text x={x + barWidth / 2} y={HEIGHT - MARGIN.bottom + 16} className="chart-tick" textAnchor="middle" aria-hidden="true">
                  {monthLabel(period)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} className="chart-axis" aria-hidden="true" />
      </svg>
      <figcaption>
        <CategoryLegend categories={used} colourOf={colourOf} categoryLabel={categoryLabel} />
      </figcaption>
      <details className="chart-data">
        <summary>The chart's figures as a table</summary>
        <div className="table-scroll">
          <table className="table table-compact">
            <caption className="visually-hidden">Incidents per month and category</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                {used.map((c) => (
                  <th key={c} scope="col" className="numeric">
                    {c}
                  </th>
                ))}
                <th scope="col" className="numeric">
                  Incidents
                </th>
              </tr>
            </thead>
            <tbody>
              {counts.by_period.map((row) => (
                <tr key={row.period}>
                  <th scope="row">{monthLabel(row.period)}</th>
                  {used.map((c) => (
                    <td key={c} className="numeric">
                      {cell.get(`${row.period}|${c}`) ?? 0}
                    </td>
                  ))}
                  <td className="numeric">{row.incidents}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** 0 and up to five round steps covering `max`. */
function niceTicks(max: number): number[] {
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
  const step = ([1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude) || 1;
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) ticks.push(t);
  return ticks;
}
