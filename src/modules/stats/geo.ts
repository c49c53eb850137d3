// Which place an observation is about. Countries are stored under their ISO 3166-1 alpha-2 code;
// aggregates (EU27_2020, EA19, the World Bank's WLD ...) and sub-national regions (England and
// Wales, Scotland) keep their publisher's code and are never mistaken for countries.
//
// Eurostat differs from ISO in two codes (EL = Greece, UK = United Kingdom) and uses XK for
// Kosovo, which has no ISO code (XK is the user-assigned code most publishers use); SDMX-CSV 1.0
// "labels" files name geos in English, so EUROSTAT_GEO_LABELS maps every spelling we have met to
// Eurostat's code. A label not in that table is tried against the ISO names of `countries`.

type GeoKind = "country" | "aggregate" | "region";

export interface GeoRef {
  code: string;
  kind: GeoKind;
  label: string;
  /** The ISO country the geo is, or lies in (regions); null for aggregates and for Kosovo. */
  countryCode: string | null;
}

/** Eurostat's aggregates by their names, for files that give only the code (the bulk TSV). */
const aggregateNames = () =>
  new Map(
    Object.entries(EUROSTAT_GEO_LABELS)
      .filter(([, code]) => /^(EU|EA|EFTA|EEA)/.test(code))
      .map(([label, code]) => [code, label] as const),
  );
let AGGREGATE_NAMES_CACHE: Map<string, string> | null = null;
const AGGREGATE_NAMES = { get: (code: string) => (AGGREGATE_NAMES_CACHE ??= aggregateNames()).get(code) };

/** Eurostat's English labels → Eurostat geo codes. Compared after collapsing runs of spaces. */
const EUROSTAT_GEO_LABELS: Record<string, string> = {
  // Aggregates (Eurostat's own spellings, which change with each enlargement)
  "European Union - 27 countries (from 2020)": "EU27_2020",
  "European Union - 28 countries (2013-2020)": "EU28",
  "European Union - 27 countries (2007-2013)": "EU27_2007",
  "European Union - 25 countries (2004-2006)": "EU25",
  "European Union - 15 countries (1995-2004)": "EU15",
  "Euro area - 20 countries (from 2023)": "EA20",
  "Euro area - 19 countries (2015-2022)": "EA19",
  "Euro area - 18 countries (2014)": "EA18",
  "Euro area - 17 countries (2011-2013)": "EA17",
  "Euro area (EA11-1999, EA12-2001, EA13-2007, EA15-2008, EA16-2009, EA17-2011, EA18-2014, EA19-2015, EA20-2023)": "EA",
  "European Free Trade Association": "EFTA",
  "European Economic Area (EU28 - 2013-2020 and IS, LI, NO)": "EEA30_2007",
  "European Economic Area (EU27 - 2020 and IS, LI, NO)": "EEA30_2020",
  // EU member states
  Belgium: "BE",
  Bulgaria: "BG",
  Czechia: "CZ",
  "Czech Republic": "CZ",
  Denmark: "DK",
  Germany: "DE",
  "Germany (until 1990 former territory of the FRG)": "DE",
  "Germany including former GDR": "DE_TOT",
  Estonia: "EE",
  Ireland: "IE",
  Greece: "EL",
  Spain: "ES",
  France: "FR",
  "France (metropolitan)": "FX",
  Croatia: "HR",
  Italy: "IT",
  Cyprus: "CY",
  Latvia: "LV",
  Lithuania: "LT",
  Luxembourg: "LU",
  Hungary: "HU",
  Malta: "MT",
  Netherlands: "NL",
  Austria: "AT",
  Poland: "PL",
  Portugal: "PT",
  Romania: "RO",
  Slovenia: "SI",
  Slovakia: "SK",
  Finland: "FI",
  Sweden: "SE",
  // EFTA, the United Kingdom and its jurisdictions (crime statistics are reported per jurisdiction)
  Iceland: "IS",
  Liechtenstein: "LI",
  Norway: "NO",
  Switzerland: "CH",
  "United Kingdom": "UK",
  "England and Wales": "UKC-L",
  Scotland: "UKM",
  "Scotland (NUTS 2021)": "UKM",
  "Northern Ireland (UK)": "UKN",
  "Northern Ireland (UK) (NUTS 2021)": "UKN",
  "Northern Ireland": "UKN",
  // Candidates, neighbours and others Eurostat reports
  Montenegro: "ME",
  "North Macedonia": "MK",
  "North Macedonia (NUTS 2021)": "MK",
  Albania: "AL",
  Serbia: "RS",
  Türkiye: "TR",
  Turkey: "TR",
  "Bosnia and Herzegovina": "BA",
  "Kosovo*": "XK",
  "Kosovo (under United Nations Security Council Resolution 1244/99)": "XK",
  Kosovo: "XK",
  Moldova: "MD",
  Ukraine: "UA",
  Georgia: "GE",
  Armenia: "AM",
  Azerbaijan: "AZ",
  Belarus: "BY",
  Russia: "RU",
  Andorra: "AD",
  Monaco: "MC",
  "San Marino": "SM",
  "Holy See": "VA",
  "United States": "US",
  Canada: "CA",
  Australia: "AU",
  "New Zealand": "NZ",
  Japan: "JP",
  Israel: "IL",
  Faroes: "FO",
};

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

const normalLabel = (label: string) => label.replace(/\s+/g, " ").trim();

/** Resolves publishers' geo codes and labels to GeoRefs, using the ISO country list. */
export class GeoResolver {
  private readonly byAlpha2 = new Map<string, string>();
  private readonly alpha3 = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  private readonly labels = new Map<string, string>();

  constructor(countries: CountryName[]) {
    for (const c of countries) {
      this.byAlpha2.set(c.code, c.name);
      this.alpha3.set(c.alpha3, c.code);
      this.byName.set(normalLabel(c.name).toLowerCase(), c.code);
    }
    for (const [label, code] of Object.entries(EUROSTAT_GEO_LABELS)) this.labels.set(normalLabel(label).toLowerCase(), code);
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
      return { code: trimmed, kind: "aggregate", label: label?.trim() || AGGREGATE_NAMES.get(trimmed) || trimmed, countryCode: null };
    return null;
  }

  /** An English label as Eurostat writes it ("Kosovo*", "Euro area - 19 countries  (2015-2022)"). */
  eurostatLabel(label: string): GeoRef | null {
    const key = normalLabel(label).toLowerCase();
    const code = this.labels.get(key);
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
