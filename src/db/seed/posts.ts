// The posts seeded on first start: the bureau, and one embassy per host country of the migration
// tasking (every EU and EFTA state, the United Kingdom, Canada, Australia and New Zealand), each in
// the host country's capital. An embassy's code is its host country's ISO alpha-2 code.

export const BUREAU = { code: "BUREAU", name: "Bureau of Democracy, Human Rights, and Labor", city: "Washington" };

export const EMBASSIES: ReadonlyArray<{ code: string; city: string }> = [
  // EU 27
  { code: "AT", city: "Vienna" },
  { code: "BE", city: "Brussels" },
  { code: "BG", city: "Sofia" },
  { code: "HR", city: "Zagreb" },
  { code: "CY", city: "Nicosia" },
  { code: "CZ", city: "Prague" },
  { code: "DK", city: "Copenhagen" },
  { code: "EE", city: "Tallinn" },
  { code: "FI", city: "Helsinki" },
  { code: "FR", city: "Paris" },
  { code: "DE", city: "Berlin" },
  { code: "GR", city: "Athens" },
  { code: "HU", city: "Budapest" },
  { code: "IE", city: "Dublin" },
  { code: "IT", city: "Rome" },
  { code: "LV", city: "Riga" },
  { code: "LT", city: "Vilnius" },
  { code: "LU", city: "Luxembourg" },
  { code: "MT", city: "Valletta" },
  { code: "NL", city: "Amsterdam" },
  { code: "PL", city: "Warsaw" },
  { code: "PT", city: "Lisbon" },
  { code: "RO", city: "Bucharest" },
  { code: "SK", city: "Bratislava" },
  { code: "SI", city: "Ljubljana" },
  { code: "ES", city: "Madrid" },
  { code: "SE", city: "Stockholm" },
  // EFTA
  { code: "IS", city: "Reykjavík" },
  { code: "LI", city: "Vaduz" },
  { code: "NO", city: "Oslo" },
  { code: "CH", city: "Bern" },
  // Others named in the tasking
  { code: "GB", city: "London" },
  { code: "CA", city: "Ottawa" },
  { code: "AU", city: "Canberra" },
  { code: "NZ", city: "Wellington" },
];

/** Short English names for post titles where the ISO name is long ("United Kingdom of Great Britain..."). */
export const SHORT_COUNTRY_NAMES: Record<string, string> = {
  GB: "the United Kingdom",
  NL: "the Netherlands",
  CZ: "the Czech Republic",
};
