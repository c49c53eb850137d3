// Which place an observation is about. Countries are stored under their ISO 3166-1 alpha-2 code;
// aggregates (EU27_2020, EA19, the World Bank's WLD ...) and sub-national regions (England and
// Wales, Scotland) keep their publisher's code and are never mistaken for countries.
//
// Eurostat differs from ISO in two codes (EL = Greece, UK = United Kingdom) and uses XK for
// Kosovo, which has no ISO code (XK is the user-assigned code most publishers use); SDMX-CSV 1.0
// "labels" files name geos in English, so Eurostat's geo code list (codelists/geo.json) maps every
// spelling we have met to Eurostat's code, compared after normaliseLabel (an en dash in "Euro area
// – 20 countries" is a hyphen). A label not in the list is tried against the ISO names of `countries`.
import { codeListOf, normaliseLabel, type CodeList } from "./codelists.js";

type GeoKind = "country" | "aggregate" | "region";

export interface GeoRef {
  code: string;
  kind: GeoKind;
  label: string;
  /** The ISO country the geo is, or lies in (regions); null for aggregates and for Kosovo. */
  countryCode: string | null;
}

/** Eurostat's geo code list (codelists/geo.json): codes with their labels, and other spellings. */
const GEO_LIST = (): CodeList => codeListOf("geo")!;

/** Eurostat geo codes that are not ISO alpha-2 codes of the same country. */
const EUROSTAT_TO_ISO: Record<string, string> = { EL: "GR", UK: "GB" };

/** Non-country geos with a label, by code, where the code alone says too little. */
const KNOWN_NON_COUNTRIES: Record<string, { kind: GeoKind; label: string; countryCode: string | null }> = {
  "UKC-L": { kind: "region", label: "England and Wales", countryCode: "GB" },
  UKM: { kind: "region", label: "Scotland", countryCode: "GB" },
  UKN: { kind: "region", label: "Northern Ireland", countryCode: "GB" },
  FX: { kind: "region", label: "France (metropolitan)", countryCode: "FR" },
  DE_TOT: { kind: "region", label: "Germany including former GDR", countryCode: "DE" },
};

const AGGREGATE_PATTERN = /^(EU|EA|EFTA|EEA)(\d|_|$)/;

export interface CountryName {
  code: string;
  alpha3: string;
  name: string;
}

const normalLabel = normaliseLabel;

/** Resolves publishers' geo codes and labels to GeoRefs, using the ISO country list. */
export class GeoResolver {
  private readonly byAlpha2 = new Map<string, string>();
  private readonly alpha3 = new Map<string, string>();
  private readonly byName = new Map<string, string>();

  constructor(countries: CountryName[]) {
    for (const c of countries) {
      this.byAlpha2.set(c.code, c.name);
      this.alpha3.set(c.alpha3, c.code);
      this.byName.set(normalLabel(c.name).toLowerCase(), c.code);
    }
  }

  /** A Eurostat geo code (EL, UK, EU27_2020, UKC-L ...); `label` names it when the file does. */
  eurostatCode(code: string, label?: string): GeoRef | null {
    const trimmed = code.trim();
    if (trimmed === "") return null;
    const known = KNOWN_NON_COUNTRIES[trimmed];
    if (known) return { code: trimmed, kind: known.kind, label: known.label, countryCode: known.countryCode };
    if (trimmed === "XK") return { code: "XK", kind: "country", label: label?.trim() || "Kosovo", countryCode: null };
    const iso = EUROSTAT_TO_ISO[trimmed] ?? trimmed;
    const name = this.byAlpha2.get(iso);
    if (name !== undefined) return { code: iso, kind: "country", label: name, countryCode: iso };
    if (AGGREGATE_PATTERN.test(trimmed))
      return { code: trimmed, kind: "aggregate", label: label?.trim() || GEO_LIST().labelOf(trimmed) || trimmed, countryCode: null };
    return null;
  }

  /** An English label as Eurostat writes it ("Kosovo*", "Euro area - 19 countries  (2015-2022)"). */
  eurostatLabel(label: string): GeoRef | null {
    const key = normalLabel(label).toLowerCase();
    const code = GEO_LIST().codeOf(label);
    if (code !== undefined) {
      const ref = this.eurostatCode(code, normalLabel(label));
      if (ref && ref.kind === "aggregate") return { ...ref, label: normalLabel(label) };
      return ref;
    }
    const iso = this.byName.get(key);
    return iso === undefined ? null : this.eurostatCode(iso);
  }

  /** An ISO alpha-2 code; other codes are aggregates when `aggregateLabel` is given (BIS's XM, 5R). */
  iso2(code: string, aggregateLabel?: string): GeoRef | null {
    const trimmed = code.trim().toUpperCase();
    const name = this.byAlpha2.get(trimmed);
    if (name !== undefined) return { code: trimmed, kind: "country", label: name, countryCode: trimmed };
    if (trimmed === "XK") return { code: "XK", kind: "country", label: "Kosovo", countryCode: null };
    return aggregateLabel !== undefined && /^[A-Z0-9_]{2,12}$/.test(trimmed)
      ? { code: trimmed, kind: "aggregate", label: aggregateLabel.trim() || trimmed, countryCode: null }
      : null;
  }

  /** An ISO alpha-3 code (World Bank); other codes are aggregates when `aggregateLabel` is given (WLD, EUU). */
  iso3(code: string, aggregateLabel?: string): GeoRef | null {
    const trimmed = code.trim().toUpperCase();
    if (trimmed === "XKX") return { code: "XK", kind: "country", label: "Kosovo", countryCode: null };
    const alpha2 = this.alpha3.get(trimmed);
    if (alpha2 !== undefined) return this.iso2(alpha2);
    return aggregateLabel !== undefined && /^[A-Z0-9_]{2,12}$/.test(trimmed)
      ? { code: trimmed, kind: "aggregate", label: aggregateLabel.trim() || trimmed, countryCode: null }
      : null;
  }
}
