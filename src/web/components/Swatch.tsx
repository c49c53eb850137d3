// A colour key for legends, drawn as SVG (a fill attribute, not an inline style: the CSP allows no inline styles).
export function Swatch({ colour }: { colour: string }) {
  return (
    <svg className="legend-swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
      <rect width="12" height="12" rx="2" fill={colour} stroke="rgba(0,0,0,0.35)" />
    </svg>
  );
}
