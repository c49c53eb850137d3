// The legend of the dashboard's charts by category: a swatch and the category's code and label,
// then whatever else a chart explains (its interval marks, its hatching).
import type { ReactNode } from "react";
import { Swatch } from "../../components/Swatch.js";

export function CategoryLegend({
  categories,
  colourOf,
  categoryLabel,
  children,
}: {
  categories: readonly string[];
  colourOf(category: string): string;
  categoryLabel(code: string): string;
  children?: ReactNode;
}) {
  return (
    <ul className="legend" aria-label="Categories">
      {categories.map((category) => (
        <li key={category}>
          <Swatch colour={colourOf(category)} />
          {category} · {categoryLabel(category)}
        </li>
      ))}
      {children}
    </ul>
  );
}
