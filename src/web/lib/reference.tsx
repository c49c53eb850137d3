// Reference data (countries, posts, the taxonomy), loaded once per session and shared; loaded again
// when an administrator changes it (a new post must show in every post and country choice).
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { api } from "../api/client.js";
import type { Country, Post, Taxonomy } from "../api/types.js";
import { useApi } from "./use-api.js";

export interface ReferenceData {
  countries: Country[];
  countryByCode: Map<string, Country>;
  posts: Post[];
  taxonomy: Taxonomy;
  categoryLabel(code: string): string;
  countryName(code: string): string;
  topCategories: Taxonomy["categories"];
  /** Load it all again; what was loaded stays in place until the new answer arrives. */
  reload(): void;
}

const ReferenceContext = createContext<ReferenceData | null>(null);

export function ReferenceProvider({ children }: { children: ReactNode }) {
  const loaded = useApi(() => Promise.all([api("GET /countries"), api("GET /posts"), api("GET /taxonomy")]), []);
  const value = useMemo<ReferenceData | null>(() => {
    if (!loaded.data) return null;
    const [countries, posts, taxonomy] = loaded.data;
    const countryByCode = new Map(countries.items.map((c) => [c.code, c]));
    const labels = new Map(taxonomy.categories.map((c) => [c.code, c.label]));
    return {
      countries: countries.items,
      countryByCode,
      posts: posts.items,
      taxonomy,
      categoryLabel: (code) => labels.get(code) ?? code,
      countryName: (code) => countryByCode.get(code)?.name ?? code,
      topCategories: taxonomy.categories.filter((c) => c.parent_code === null),
      reload: loaded.reload,
    };
  }, [loaded.data, loaded.reload]);
  if (loaded.error) {
    return (
      <div className="page-message" role="alert">
        <p>The reference data could not be loaded: {loaded.error.message}</p>
        <button type="button" className="button" onClick={loaded.reload}>
          Try again
        </button>
      </div>
    );
  }
  if (!value)
    return (
      <p className="page-message" role="status">
        Loading…
      </p>
    );
  return <ReferenceContext.Provider value={value}>{children}</ReferenceContext.Provider>;
}

export function useReference(): ReferenceData {
  const reference = useContext(ReferenceContext);
  if (!reference) throw new Error("useReference outside ReferenceProvider");
  return reference;
}
