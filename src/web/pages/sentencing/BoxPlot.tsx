// Custodial months of each group as a box plot drawn in SVG: the box from the first to the third
// quartile, the median across it, whiskers to the shortest and the longest sentence, and n written
// beside each group so a box is never read without its size. One image for assistive technology;
// the same figures are in the table beside it.
const WIDTH = 640;
const ROW = 56;
const MARGIN = { top: 10, right: 24, bottom: 34, left: 190 };

export interface BoxPlotGroup {
  label: string;
  n: number;
  months: { min: number; q1: number; median: number; q3: number; max: number };
}

function ticksUpTo(max: number): number[] {
  const rough = max / 4 || 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

export function BoxPlot({ groups, title }: { groups: readonly BoxPlotGroup[]; title: string }) {
  const ticks = ticksUpTo(Math.max(1, ...groups.map((g) => g.months.max)));
  const top = ticks[ticks.length - 1]!;
  const height = MARGIN.top + groups.length * ROW + MARGIN.bottom;
  const x = (v: number) => MARGIN.left + (v / top) * (WIDTH - MARGIN.left - MARGIN.right);
  const name = `Box plot: ${title}. ${groups
    .map((g) => `${g.label}, n = ${g.n}: median ${g.months.median} months, quartiles ${g.months.q1} to ${g.months.q3}, from ${g.months.min} to ${g.months.max}`)
    .join("; ")}.`;
  return (
    <figure className="chart sentencing-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="chart-svg" role="img" aria-label={name}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={MARGIN.top} y2={height - MARGIN.bottom} className="chart-grid" />
            <text x={x(t)} y={height - MARGIN.bottom + 16} className="chart-tick" textAnchor="middle">
              {t}
            </text>
          </g>
        ))}
        <text x={(MARGIN.left + WIDTH - MARGIN.right) / 2} y={height - 4} className="chart-tick" textAnchor="middle">
          Custodial months
        </text>
        {groups.map((g, i) => {
          const middle = MARGIN.top + i * ROW + ROW / 2;
          const { min, q1, median, q3, max } = g.months;
          return (
            <g key={g.label} data-group={g.label}>
              <text x={MARGIN.left - 10} y={middle - 6} className="chart-tick" textAnchor="end">
                {g.label}
              </text>
              <text x={MARGIN.left - 10} y={middle + 10} className="chart-tick" textAnchor="end">
                {`n = ${g.n}`}
              </text>
              <line x1={x(min)} x2={x(q1)} y1={middle} y2={middle} className="box-whisker" />
              <line x1={x(q3)} x2={x(max)} y1={middle} y2={middle} className="box-whisker" />
              <line x1={x(min)} x2={x(min)} y1={middle - 8} y2={middle + 8} className="box-whisker" />
              <line x1={x(max)} x2={x(max)} y1={middle - 8} y2={middle + 8} className="box-whisker" />
              <rect x={x(q1)} y={middle - 14} width={Math.max(1, x(q3) - x(q1))} height={28} className="box-body" />
              <line x1={x(median)} x2={x(median)} y1={middle - 14} y2={middle + 14} className="box-median" />
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">Box: the middle half of sentences (first to third quartile); bar: the median; whiskers: shortest and longest.</figcaption>
    </figure>
  );
}
