// THE housing and displacement indicators (issue 13; PRODUCT.md §4: "housing pressure is mostly
// measured with series"): which held datasets are house-price indices, rent indices, asylum
// applications and reception or accommodation figures, with each index's base year and whether it
// is nominal or real. Each series keeps its publisher's unit and words; nothing here relates one
// series to another. The housing page (GET /analysis/housing) and the country report's housing
// section both read them through `housingSeries`.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { observationsUpTo } from "../stats/index.js";

export const HOUSING_KINDS = ["house_prices", "rents", "asylum_applications", "reception"] as const;
type HousingKind = (typeof HOUSING_KINDS)[number];

interface HousingIndicator {
  kind: HousingKind;
  publisher: string;
  dataset: string;
  /** The series' dimensions that pick it out of the dataset. */
  match: Record<string, string>;
  measure: "nominal" | "real" | null;
  /** The index's base year (= 100), or null for a count. */
  baseYear: number | null;
  /** What the series is, when its dimensions do not say it in words. */
  label: string;
  unit: string;
}

/** Eurostat's index units name their base year: I15_A_AVG is 2015 = 100. */
const eurostatIndex = (code: string) => 2000 + Number(code.slice(1, 3));

const HOUSING_INDICATORS: readonly HousingIndicator[] = [
  {
    kind: "house_prices",
    publisher: "BIS",
    dataset: "RPP_NOMINAL",
    match: {},
    measure: "nominal",
    baseYear: 2010,
    label: "Residential property prices",
    unit: "Index, 2010 = 100",
  },
  {
    kind: "house_prices",
    publisher: "BIS",
    dataset: "RPP_REAL",
    match: {},
    measure: "real",
    baseYear: 2010,
    label: "Residential property prices, deflated by consumer prices",
    unit: "Index, 2010 = 100",
  },
  ...(["I15_Q", "I10_Q"] as const).map((unit) => ({
    kind: "house_prices" as const,
    publisher: "Eurostat",
    dataset: "prc_hpi_q",
    match: { purchase: "TOTAL", unit },
    measure: "nominal" as const,
    baseYear: eurostatIndex(unit),
    label: "House price index, all dwellings",
    unit: `Index, ${eurostatIndex(unit)} = 100`,
  })),
  {
    kind: "rents",
    publisher: "Eurostat",
    dataset: "prc_hicp_aind",
    match: { coicop: "CP041", unit: "INX_A_AVG" },
    measure: "nominal",
    baseYear: 2015,
    label: "Consumer prices: actual rentals for housing",
    unit: "Index, 2015 = 100",
  },
  {
    kind: "asylum_applications",
    publisher: "Eurostat",
    dataset: "migr_asyappctza",
    match: { citizen: "TOTAL", sex: "T", age: "TOTAL", asyl_app: "ASY_APP" },
    measure: null,
    baseYear: null,
    label: "Asylum applicants",
    unit: "Persons",
  },
  {
    // A stock of people receiving benefits, counted at 31 December: not a count of accommodation
    // places, nor of every asylum seeker (those with other benefits or none are not in it).
    kind: "reception",
    publisher: "Statistische Ämter des Bundes und der Länder",
    dataset: "22221-01-01-4",
    match: { variable: "REGELLEISTUNGSEMPFANGER", breakdown: "TOTAL" },
    measure: null,
    baseYear: null,
    label: "People receiving standard benefits under the Asylum Seekers' Benefits Act (Asylbewerberleistungsgesetz) on 31 December",
    unit: "Anzahl (persons)",
  },
];

export interface HousingSeries {
  kind: HousingKind;
  label: string;
  unit: string;
  measure: "nominal" | "real" | null;
  baseYear: number | null;
  points: { period: string; value: number; flag: string | null }[];
  source: { publisher: string; dataset: string; title: string; revision: number; retrieved_at: string };
}

/** Every housing series held for a country, oldest period first; an indicator not held is left out. */
export async function housingSeries(db: Kysely<Database>, country: string, lastPeriod = "9999"): Promise<HousingSeries[]> {
  const series: HousingSeries[] = [];
  for (const indicator of HOUSING_INDICATORS) {
    const rows = (await observationsUpTo(db, indicator.publisher, indicator.dataset, [country], lastPeriod)).filter((r) =>
      Object.entries(indicator.match).every(([d, v]) => r.dimensions[d] === v),
    );
    if (rows.length === 0) continue;
    const first = rows[0]!;
    series.push({
      kind: indicator.kind,
      label: indicator.label,
      unit: indicator.unit,
      measure: indicator.measure,
      baseYear: indicator.baseYear,
      points: rows.map((r) => ({ period: r.period, value: r.value, flag: r.flag })).sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)),
      source: { publisher: first.publisher, dataset: first.code, title: first.title, revision: first.revision, retrieved_at: first.retrieved_at },
    });
  }
  return series;
}
