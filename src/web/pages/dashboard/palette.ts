// Colours for the dashboard. Category colours each have at least 3:1 contrast with white (WCAG
// 1.4.11 for graphics); the map's classes run light to dark blue, with "no incident" apart.
const CATEGORY_COLOURS = ["#b03a2e", "#7d3c98", "#9a6700", "#1f5fbf", "#117a8b", "#1e8449", "#6e5a00", "#a0366b", "#566573"];

export function categoryColour(index: number): string {
  return CATEGORY_COLOURS[index % CATEGORY_COLOURS.length]!;
}

const MAP_CLASSES = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
export const MAP_EMPTY = "#f7f7f5";

/** Upper bounds of up to five classes over 1..max (each a whole number, rising). */
export function mapBreaks(max: number): number[] {
  if (max <= 0) return [];
  if (max <= 5) return Array.from({ length: max }, (_, i) => i + 1);
  const breaks = [1, 2, 3, 4, 5].map((i) => Math.ceil((max * i) / 5));
  return [...new Set(breaks)];
}

export function mapColour(count: number, breaks: number[]): string {
  if (count <= 0) return MAP_EMPTY;
  const index = breaks.findIndex((upper) => count <= upper);
  const scaled = Math.round(((index === -1 ? breaks.length - 1 : index) * (MAP_CLASSES.length - 1)) / Math.max(1, breaks.length - 1));
  return MAP_CLASSES[breaks.length === 1 ? MAP_CLASSES.length - 1 : scaled]!;
}

/** A rate's class colour: the first class whose upper bound holds it (a rate of 0 is in the first). */
export function rateColour(rate: number, breaks: number[]): string {
  if (breaks.length === 0) return MAP_CLASSES[0]!; // every rate shown is 0
  const index = breaks.findIndex((upper) => rate <= upper);
  const at = index === -1 ? breaks.length - 1 : index;
  return MAP_CLASSES[Math.round((at * (MAP_CLASSES.length - 1)) / Math.max(1, breaks.length - 1))]!;
}
