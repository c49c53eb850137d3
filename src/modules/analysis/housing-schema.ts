// Analysis: request and response shapes of the housing and displacement indicators
// (GET /analysis/housing): for one country, the house-price and rent indices (nominal or real, each
// with its base year), asylum applications and reception figures where held, and the `HD`
// incidents by year, on one time axis. Each series in its own unit, credited; none related to another.
import { z } from "zod";
import { HOUSING_KINDS } from "../figures/housing.js";
import { countryCode } from "../common/schema.js";
import { basisOutput } from "./schema.js";

export const housingQuery = z.strictObject({ country: countryCode });
export type HousingQuery = z.output<typeof housingQuery>;

const series = z.object({
  kind: z.enum(HOUSING_KINDS),
  label: z.string(),
  unit: z.string().meta({ description: "The series' own unit; an index names its base year (Index, 2010 = 100)." }),
  measure: z.enum(["nominal", "real"]).nullable().meta({ description: "For prices: nominal, or real (deflated); null for counts." }),
  base_year: z.number().int().nullable(),
  points: z.array(z.object({ period: z.string(), value: z.number(), flag: z.string().nullable() })),
  source: z.object({ publisher: z.string(), dataset: z.string(), title: z.string(), revision: z.number().int(), retrieved_at: z.string() }),
});

export const analysisHousing = z.object({
  as_of: z.string(),
  country: z.string(),
  note: z.string().meta({ description: "What the series on one axis do and do not say." }),
  series: z.array(series),
  incidents: z.object({
    category: z.literal("HD"),
    label: z.string(),
    basis: basisOutput,
    by_year: z.array(z.object({ year: z.string(), incidents: z.number().int() })),
    not_placed: z.number().int().meta({ description: "Incidents dated too loosely to be put in one year: counted, in no year." }),
    synthetic: z.number().int(),
  }),
  not_held: z.array(z.string()).meta({ description: 'Kinds of indicator with no series held for the country ("rents", "reception").' }),
});
export type AnalysisHousing = z.infer<typeof analysisHousing>;
