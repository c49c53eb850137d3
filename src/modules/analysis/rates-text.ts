// The words that go with the rates: how denominators are chosen and what a rate over a period
// that is not a whole year means. The counting rules and the groups' texts are the figures
// module's (figures/rules.ts), so a report quoting a rate quotes the same caveats.
import { DEFAULT_POPULATION_ORDER, POPULATION_SOURCES, type PopulationOrder } from "../stats/population.js";
import { spanText } from "../../domain/dates.js";
import type { FigurePeriod } from "../figures/periods.js";
import type { RateGranularity } from "./rates-schema.js";

/** The order of preference in words (POPULATION_ORDER), with the countries that have their own. */
function orderText(order: PopulationOrder): string {
  const sources = (datasets: readonly string[]) =>
    datasets
      .map((d) => POPULATION_SOURCES.find((s) => s.dataset === d)!)
      .map((s) => `${s.publisher} ${s.dataset} (${s.reference}${s.citizenship ? ", also by citizenship" : ""})`)
      .join(", ");
  const own = Object.entries(order.countries).map(([country, datasets]) => `for ${country}, the first held of ${sources(datasets)}`);
  return `the first held of ${sources(order.global)}${own.length > 0 ? ` (${own.join("; ")})` : ""}; citizens and foreign citizens only from a source by citizenship`;
}

/** How this answer's denominators were chosen, and what its rates mean. */
export function denominatorsText(granularity: RateGranularity, first: FigurePeriod | null, order: PopulationOrder = DEFAULT_POPULATION_ORDER): string {
  const ORDER = orderText(order);
  const noCarry = "No figure is carried over from another year: a country-year without one has no rate.";
  if (granularity === "total" && first) {
    return `The window ${spanText(first.from, first.until)} (${first.days.toLocaleString("en-GB")} days) is one period, and its denominator is the population of ${first.denominator_year}, the window's first year (${ORDER}): each rate is incidents per 100,000 residents over the whole window, not per year. Periods are compared only with granularity year, quarter or month. ${noCarry}`;
  }
  return `Each period's rate is over the population of its year: ${ORDER}. A rate over a quarter, a month or a period that is not whole (cut by the window, or not over yet) is over those days only, not a yearly rate, and a period that is not whole is not compared with another. ${noCarry}`;
}
