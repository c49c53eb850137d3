// One series' values as an SVG line chart: a line per geo, the periods along the bottom. A period
// without a value breaks the line (a gap, never a drop to 0); a lone value between gaps is a dot.
// The chart is one image for assistive technology: the same figures are in the table below it.
import { Swatch } from "../../components/Swatch.js";
import { categoryColour } from "../dashboard/palette.js";
import { formatValue, type StatsTable } from "./stats-table.js";

const WIDTH = 960;
const HEIGHT = 300;
const MARGIN = { top: 14, right: 20, bottom: 36, left: 64 };
const compact = new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 });

function geoColour(index: number): string {
  return categoryColour(index);
}

interface SeriesChartProps {
  table: StatsTable;
  /** What the values are, for the image's name ("Population on 1 January, Annual"). */
  title: string;
  geoLabel(code: string): string;
}

export function SeriesChart({ table, title, geoLabel }: SeriesChartProps) {
  const { periods, geos, cells } = table;
  const values = cells.flat().flatMap((c) => (c ? [c.value] : []));
  const low = Math.min(0, ...values);
  const ticks = niceTicks(low, Math.max(0, ...values));
  const bottom = ticks[0]!;
  const top = ticks[ticks.length - 1]!;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (i: number) => MARGIN.left + (periods.length === 1 ? plotWidth / 2 : (i * plotWidth) / (periods.length - 1));
  const y = (v: number) => MARGIN.top + plotHeight - ((v - bottom) / (top - bottom || 1)) * plotHeight;
  const labelEvery = Math.ceil(periods.length / 14);
  const dots = periods.length <= 60;
  const span = periods.length > 0 ? `${periods[0]}${periods.length > 1 ? `–${periods[periods.length - 1]}` : ""}` : "";
  const name = `Line chart: ${title}, ${geos.map(geoLabel).join(", ")}, ${span}. The values are in the table below.`;

  return (
    <figure className="chart stats-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="chart-svg" role="img" aria-label={name}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text x={MARGIN.left - 8} y={y(t)} className="chart-tick" textAnchor="end" dominantBaseline="middle">
              {compact.format(t)}
            </text>
          </g>
        ))}
        {periods.map((p, i) =>
          i % labelEvery === 0 ? (
            <text key={p} x={x(i)} y={HEIGHT - MARGIN.bottom + 18} className="chart-tick" textAnchor="middle">
              {p}
            </text>
          ) : null,
        )}
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(bottom)} y2={y(bottom)} className="chart-axis" />
        {geos.map((geo, g) => {
          const colour = geoColour(g);
          const segments: [number, number][][] = [];
          let current: [number, number][] = [];
          periods.forEach((_, i) => {
            const cell = cells[i]![g];
            if (cell) current.push([x(i), y(cell.value)]);
            else if (current.length > 0) {
              segments.push(current);
              current = [];
            }
          });
          if (current.length > 0) segments.push(current);
          return (
            <g key={geo} data-geo={geo}>
              {segments.map((points, s) =>
                points.length > 1 ? (
                  <path
                    key={s}
                    d={points.map(([px, py], k) => `${k === 0 ? "M" : "L"}${px.toFixed(1)},${py.toFixed(1)}`).join(" ")}
                    className="stats-line"
                    stroke={colour}
                  />
                ) : (
                  <circle key={s} cx={points[0]![0]} cy={points[0]![1]} r={3.5} fill={colour} />
                ),
              )}
              {dots
                ? periods.map((p, i) => {
                    const cell = cells[i]![g];
                    if (!cell) return null;
                    return (
                      <circle
                        key={p}
                        cx={x(i)}
                        cy={y(cell.value)}
                        r={cell.flag ? 3.5 : 2.5}
                        fill={cell.flag ? "#fff" : colour}
                        stroke={colour}
                        strokeWidth={1.5}
                      >
                        <title>{`${geoLabel(geo)}, ${p}: ${formatValue(cell.value)}${cell.flag ? ` (${cell.flag})` : ""}`}</title>
                      </circle>
                    );
                  })
                : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend" aria-label="Countries">
          {geos.map((geo, g) => (
            <li key={geo}>
              <Swatch colour={geoColour(g)} />
              {geoLabel(geo)}
            </li>
          ))}
          <li className="muted">Hollow dot: flagged value (see the table)</li>
        </ul>
      </figcaption>
    </figure>
  );
}

/** Round steps from below `low` (0 unless negative) to above `high`, four to six of them. */
function niceTicks(low: number, high: number): number[] {
  const rough = (high - low) / 4 || 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let t = Math.floor(low / step) * step; t < high + step; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}
