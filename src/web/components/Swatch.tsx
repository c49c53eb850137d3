// A colour key for legends, drawn as SVG (a fill attribute, not an inline style: the CSP allows no inline styles).
import { useState } from "react";

export function Swatch({ colour }: { colour: string }) {
  return (
    <svg className="legend-swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <rect width="12" height="12" rx="2" fill={colour} stroke="rgba(0,0,0,0.35)" />
    </svg>
  );
}

/** Diagonal hatching for "no figure held" (a missing rate is never drawn as 0), to put in an SVG's <defs>. */
export function HatchPattern({ id }: { id: string }) {
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#f7f7f5" />
      <line x1="0" y1="0" x2="0" y2="6" stroke="#7d8794" strokeWidth="2" />
    </pattern>
  );
}

let hatchSwatches = 0;

/** The legend key for hatching; each key carries its own pattern, with an id of its own. */
export function HatchSwatch() {
  const [id] = useState(() => `hatch-swatch-${++hatchSwatches}`);
  return (
    <svg className="legend-swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <defs>
        <HatchPattern id={id} />
      </defs>
      <rect width="12" height="12" rx="2" fill={`url(#${id})`} stroke="rgba(0,0,0,0.35)" />
    </svg>
  );
}
