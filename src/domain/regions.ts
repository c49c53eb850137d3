// Country groupings the rules need. EU membership as of 2025 (27 states) and the EFTA states.

const EU_MEMBERS = new Set([
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
]);
const EFTA_MEMBERS = new Set(["IS", "LI", "NO", "CH"]);

export function isEu(country: string): boolean {
  return EU_MEMBERS.has(country);
}

export function isEfta(country: string): boolean {
  return EFTA_MEMBERS.has(country);
}

export function isEuEfta(country: string): boolean {
  return EU_MEMBERS.has(country) || EFTA_MEMBERS.has(country);
}
