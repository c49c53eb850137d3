// Bar and line charts as a scene (scene.ts): scales, nice ticks, axes, labels, a legend, 95% interval
// whiskers where points have low and high, and gaps where a value is null (marked "n/a" on the axis,
// never drawn as 0). The PDF and the DOCX images both draw this scene, so they show the same chart.
import type { Block } from "../document.js";
import { chartCategories, chartDecimals, chartValues, formatNumber, NO_DATA } from "./figure-data.js";
import { measureText } from "./fonts.js";
import type { Scene, Shape } from "./scene.js";
import { niceTicks, SERIES_COLOURS } from "./scales.js";

export { niceTicks, SERIES_COLOURS };

type ChartBlock = Extract<Block, { type: "chart" }>;

const INK = "#1a1a1a";
const MUTED = "#595959";
const GRID = "#d9d9d9";
const WHISKER = "#262626";
const TICK_SIZE = 7.5;
const LABEL_SIZE = 7.5;
const LEGEND_SIZE = 7.5;

interface LinearScale {
  (value: number): number;
  domain: [number, number];
}

function linearScale(domain: [number, number], range: [number, number]): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const scale = ((value: number) => r0 + ((value - d0) / (d1 - d0 || 1)) * (r1 - r0)) as LinearScale;
  scale.domain = domain;
  return scale;
}

interface LegendItem {
  label: string;
  swatch: "bar" | "line" | "whisker" | "none";
  colour: string;
}

function legendItems(chart: ChartBlock): LegendItem[] {
  const items: LegendItem[] = chart.series.map((s, i) => ({
    label: s.label,
    swatch: chart.kind === "bar" ? "bar" : "line",
    colour: SERIES_COLOURS[i % SERIES_COLOURS.length]!,
  }));
  const points = chart.series.flatMap((s) => s.points);
  if (points.some((p) => typeof p.low === "number" && typeof p.high === "number")) {
    items.push({ label: "95% interval", swatch: "whisker", colour: WHISKER });
  }
  if (points.some((p) => p.y === null)) items.push({ label: `n/a: ${NO_DATA}`, swatch: "none", colour: MUTED });
  return items;
}

/** Lays the legend out in rows across the width; returns its shapes and height. */
function layoutLegend(items: LegendItem[], width: number, top: number): { shapes: Shape[]; height: number } {
  const shapes: Shape[] = [];
  const rowHeight = 12;
  let x = 0;
  let y = top;
  for (const item of items) {
    const swatchWidth = item.swatch === "none" ? 0 : 14;
    const itemWidth = swatchWidth + (swatchWidth ? 4 : 0) + measureText(item.label, LEGEND_SIZE) + 14;
    if (x > 0 && x + itemWidth > width) {
      x = 0;
      y += rowHeight;
    }
    const mid = y + rowHeight / 2;
    if (item.swatch === "bar") shapes.push({ kind: "rect", x, y: mid - 4, width: 10, height: 8, fill: item.colour });
    if (item.swatch === "line") {
      shapes.push({ kind: "line", x1: x, y1: mid, x2: x + 14, y2: mid, stroke: item.colour, strokeWidth: 1.6 });
      shapes.push({ kind: "circle", cx: x + 7, cy: mid, r: 2.2, fill: item.colour });
    }
    if (item.swatch === "whisker") {
      shapes.push({ kind: "line", x1: x + 7, y1: mid - 5, x2: x + 7, y2: mid + 5, stroke: item.colour, strokeWidth: 0.8 });
      shapes.push({ kind: "line", x1: x + 4, y1: mid - 5, x2: x + 10, y2: mid - 5, stroke: item.colour, strokeWidth: 0.8 });
      shapes.push({ kind: "line", x1: x + 4, y1: mid + 5, x2: x + 10, y2: mid + 5, stroke: item.colour, strokeWidth: 0.8 });
    }
    shapes.push({
      kind: "text",
      x: x + swatchWidth + (swatchWidth ? 4 : 0),
      y: mid + 2.6,
      text: item.label,
      size: LEGEND_SIZE,
      weight: "regular",
      anchor: "start",
      fill: INK,
    });
    x += itemWidth;
  }
  return { shapes, height: y - top + rowHeight };
}

function describeChart(chart: ChartBlock, categories: string[]): string {
  const decimals = chartDecimals(chart);
  const kind = chart.kind === "bar" ? "Bar chart" : "Line chart";
  const series = chart.series.map((s) => {
    const values = categories.map((x) => {
      const p = s.points.find((q) => q.x === x);
      if (!p || p.y === null) return `${x}: ${NO_DATA}`;
      const interval =
        typeof p.low === "number" && typeof p.high === "number"
          ? ` (95% interval ${formatNumber(p.low, decimals.interval)}–${formatNumber(p.high, decimals.interval)})`
          : "";
      return `${x}: ${formatNumber(p.y, decimals.value)}${interval}`;
    });
    return `${s.label}: ${values.join("; ")}`;
  });
  return `${kind}, ${chart.title}, in ${chart.unit}. ${series.join(". ")}.`;
}

/** The chart drawn in a box of `width` × `height` points. */
export function chartScene(chart: ChartBlock, width: number, height: number): Scene {
  const shapes: Shape[] = [];
  const categories = chartCategories(chart);
  const values = chartValues(chart);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values), 5, values.every(Number.isInteger));

  const legend = layoutLegend(legendItems(chart), width, 0);
  shapes.push(...legend.shapes);

  const tickLabels = ticks.values.map((v) => formatNumber(v, ticks.decimals));
  const left = Math.max(...tickLabels.map((l) => measureText(l, TICK_SIZE))) + 8;
  const unitTop = legend.height + 6;
  const plotTop = unitTop + 12;
  const right = width - 4;

  // X labels: level when they fit their band, otherwise turned 45° (categories) or thinned (periods).
  const band = (right - left) / Math.max(1, categories.length);
  const labelWidths = categories.map((c) => measureText(c, LABEL_SIZE));
  const widest = Math.max(0, ...labelWidths);
  const fits = widest <= band - 3;
  const periods = categories.every((c) => /^\d{4}/.test(c));
  const every = fits || !periods ? 1 : Math.ceil((widest + 6) / band);
  const turned = !fits && !periods;
  const xLabelHeight = turned ? widest * Math.SQRT1_2 + LABEL_SIZE : LABEL_SIZE + 6;
  const plotBottom = height - xLabelHeight - 4;

  const y = linearScale([ticks.min, ticks.max], [plotBottom, plotTop]);
  shapes.push({ kind: "text", x: left, y: unitTop + 7, text: chart.unit, size: TICK_SIZE, weight: "italic", anchor: "start", fill: MUTED });
  ticks.values.forEach((v, i) => {
    shapes.push({ kind: "line", x1: left, y1: y(v), x2: right, y2: y(v), stroke: v === 0 ? MUTED : GRID, strokeWidth: v === 0 ? 0.8 : 0.5 });
    shapes.push({ kind: "text", x: left - 5, y: y(v) + 2.6, text: tickLabels[i]!, size: TICK_SIZE, weight: "regular", anchor: "end", fill: MUTED });
  });
  const baseline = y(Math.max(ticks.min, 0));
  shapes.push({ kind: "line", x1: left, y1: plotTop, x2: left, y2: plotBottom, stroke: MUTED, strokeWidth: 0.8 });

  categories.forEach((label, i) => {
    const cx = left + band * (i + 0.5);
    shapes.push({ kind: "line", x1: cx, y1: plotBottom, x2: cx, y2: plotBottom + 3, stroke: MUTED, strokeWidth: 0.6 });
    if (i % every !== 0) return;
    if (turned)
      shapes.push({ kind: "text", x: cx + 2, y: plotBottom + 8, text: label, size: LABEL_SIZE, weight: "regular", anchor: "end", fill: INK, rotate: 45 });
    else shapes.push({ kind: "text", x: cx, y: plotBottom + 4 + LABEL_SIZE, text: label, size: LABEL_SIZE, weight: "regular", anchor: "middle", fill: INK });
  });

  const noData = (cx: number, slot: number): void => {
    const size = 6.5;
    const upright = measureText("n/a", size) > slot - 1;
    shapes.push({
      kind: "text",
      x: upright ? cx + 2.3 : cx,
      y: upright ? baseline - 2 : baseline - 3,
      text: "n/a",
      size,
      weight: "italic",
      anchor: upright ? "start" : "middle",
      fill: MUTED,
      ...(upright ? { rotate: 90 } : {}),
    });
  };
  const whisker = (cx: number, low: number, high: number, cap: number, colour: string): void => {
    shapes.push({ kind: "line", x1: cx, y1: y(low), x2: cx, y2: y(high), stroke: colour, strokeWidth: 0.8 });
    shapes.push({ kind: "line", x1: cx - cap, y1: y(low), x2: cx + cap, y2: y(low), stroke: colour, strokeWidth: 0.8 });
    shapes.push({ kind: "line", x1: cx - cap, y1: y(high), x2: cx + cap, y2: y(high), stroke: colour, strokeWidth: 0.8 });
  };

  if (chart.kind === "bar") {
    const inner = band * 0.78;
    const slot = inner / Math.max(1, chart.series.length);
    chart.series.forEach((series, s) => {
      const colour = SERIES_COLOURS[s % SERIES_COLOURS.length]!;
      categories.forEach((x, i) => {
        const cx = left + band * i + (band - inner) / 2 + slot * (s + 0.5);
        const point = series.points.find((p) => p.x === x);
        if (!point) return;
        if (point.y === null) return noData(cx, slot);
        const top = y(Math.max(point.y, 0));
        const bottom = y(Math.min(point.y, 0));
        shapes.push({ kind: "rect", x: cx - slot * 0.46, y: top, width: slot * 0.92, height: Math.max(bottom - top, 0.3), fill: colour });
        if (typeof point.low === "number" && typeof point.high === "number") whisker(cx, point.low, point.high, Math.min(slot * 0.2, 4), WHISKER);
      });
    });
  } else {
    const gaps = new Set<number>();
    chart.series.forEach((series, s) => {
      const colour = SERIES_COLOURS[s % SERIES_COLOURS.length]!;
      let run: [number, number][] = [];
      const runs: [number, number][][] = [];
      categories.forEach((x, i) => {
        const point = series.points.find((p) => p.x === x);
        const cx = left + band * (i + 0.5);
        if (!point || point.y === null) {
          if (point) gaps.add(i);
          if (run.length) runs.push(run);
          run = [];
          return;
        }
        run.push([cx, y(point.y)]);
        if (typeof point.low === "number" && typeof point.high === "number") whisker(cx, point.low, point.high, 3, colour);
      });
      if (run.length) runs.push(run);
      for (const r of runs) {
        if (r.length > 1) shapes.push({ kind: "polyline", points: r, stroke: colour, strokeWidth: 1.6 });
        for (const [cx, cy] of r) shapes.push({ kind: "circle", cx, cy, r: 2.2, fill: colour });
      }
    });
    for (const i of gaps) noData(left + band * (i + 0.5), band);
  }

  if (values.length === 0) {
    shapes.push({
      kind: "text",
      x: (left + right) / 2,
      y: (plotTop + plotBottom) / 2,
      text: "No figures for this chart",
      size: 9,
      weight: "italic",
      anchor: "middle",
      fill: MUTED,
    });
  }
  return { width, height, shapes, description: describeChart(chart, categories) };
}
