// Several series of one country on one time axis: a panel per series, each with its own vertical
// scale and unit (an index is never drawn against a count), every panel sharing the same years
// across, and the housing incidents as bars per year in the last. Drawn in SVG; each panel is one
// image for assistive technology, its figures in the table on the page.
const WIDTH = 960;
const PANEL = 120;
const MARGIN = { top: 8, right: 20, bottom: 22, left: 72 };
const compact = new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 });

/** A period's middle as a fractional year: 2019 → 2019.5, 2019-Q3 → 2019.625, 2019-07 → 2019.54. */
function periodYear(period: string): number {
  const year = Number(period.slice(0, 4));
  const quarter = /^\d{4}-Q([1-4])$/.exec(period);
  if (quarter) return year + (Number(quarter[1]) - 0.5) / 4;
  const month = /^\d{4}-(\d{2})$/.exec(period);
  if (month) return year + (Number(month[1]) - 0.5) / 12;
  return year + 0.5;
}

export interface Panel {
  title: string;
  unit: string;
  credit: string;
  points: { period: string; value: number }[];
  bars?: boolean;
}

export function TimeAxisPanels({ panels }: { panels: readonly Panel[] }) {
  const years = panels.flatMap((p) => p.points.map((x) => periodYear(x.period)));
  if (years.length === 0) return null;
  const start = Math.floor(Math.min(...years));
  const end = Math.ceil(Math.max(...years));
  const x = (t: number) => MARGIN.left + ((t - start) / (end - start || 1)) * (WIDTH - MARGIN.left - MARGIN.right);
  const step = Math.max(1, Math.ceil((end - start) / 12));
  const ticks: number[] = [];
  for (let t = start; t <= end; t += step) ticks.push(t);
  return (
    <div className="time-panels">
      {panels.map((panel) => {
        const values = panel.points.map((p) => p.value);
        const top = Math.max(...values, 0) || 1;
        const y = (v: number) => MARGIN.top + (PANEL - MARGIN.top - MARGIN.bottom) * (1 - v / top);
        const path = panel.points.map((p, i) => `${i === 0 ? "M" : "L"}${x(periodYear(p.period)).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
        const first = panel.points[0];
        const last = panel.points.at(-1);
        const name = `${panel.title} (${panel.unit}), ${first?.period ?? ""} to ${last?.period ?? ""}. ${panel.credit}. The latest figure is in the table below.`;
        return (
          <figure key={panel.title} className="chart time-panel">
            <figcaption>
              <strong>{panel.title}</strong> <span className="muted">— {panel.unit}</span>
            </figcaption>
            <svg viewBox={`0 0 ${WIDTH} ${PANEL}`} className="chart-svg" role="img" aria-label={name}>
              <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(0)} y2={y(0)} className="chart-axis" />
              <text x={MARGIN.left - 8} y={y(top)} className="chart-tick" textAnchor="end" dominantBaseline="hanging">
                {compact.format(top)}
              </text>
              <text x={MARGIN.left - 8} y={y(0)} className="chart-tick" textAnchor="end">
                0
              </text>
              {ticks.map((t) => (
                <text key={t} x={x(t)} y={PANEL - 6} className="chart-tick" textAnchor="middle">
                  {t}
                </text>
              ))}
              {panel.bars ? (
                panel.points.map((p) => (
                  <rect
                    key={p.period}
                    x={x(Number(p.period)) + 1}
                    width={Math.max(2, x(Number(p.period) + 1) - x(Number(p.period)) - 2)}
                    y={y(p.value)}
                    height={y(0) - y(p.value)}
                    className="chart-bar"
                  />
                ))
              ) : (
                <path d={path} className="stats-line" stroke="#1d4f7a" />
              )}
            </svg>
            <p className="muted chart-note">{panel.credit}</p>
          </figure>
        );
      })}
    </div>
  );
}
