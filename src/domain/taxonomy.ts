// The category taxonomy of PRODUCT.md §4, version 1, as seeded on first start. Later versions are
// made by admins in the database; this list is only the starting point. ICCS codes are the UNODC
// International Classification of Crime for Statistical Purposes, where one exists.

export interface CategoryDefinition {
  code: string;
  label: string;
  iccs: string | null;
}

export const TAXONOMY_V1 = {
  version: 1,
  label: "Rapporteur taxonomy 2025",
  effectiveFrom: "2025-11-20",
  categories: [
    { code: "SV", label: "Sexual violence", iccs: "0301" },
    { code: "SV.RAPE", label: "Sexual violence: rape", iccs: "03011" },
    { code: "SV.ASSAULT", label: "Sexual violence: sexual assault", iccs: "03012" },
    { code: "SV.OTHER", label: "Sexual violence: other", iccs: "03019" },
    { code: "SE", label: "Sexual exploitation", iccs: "0302" },
    { code: "SE.CHILD", label: "Sexual exploitation of children (incl. grooming)", iccs: "03022" },
    { code: "SE.ORGANISED", label: "Organised sexual exploitation", iccs: "0302" },
    { code: "TIP", label: "Trafficking in persons", iccs: "0204" },
    { code: "TIP.SEX", label: "Trafficking in persons for sexual exploitation", iccs: "02041" },
    { code: "TIP.LABOUR", label: "Trafficking in persons for forced labour", iccs: "02042" },
    { code: "TIP.OTHER", label: "Trafficking in persons for other purposes", iccs: "02043–02044" },
    { code: "HC", label: "Hate crime", iccs: null },
    { code: "HC.VIOLENCE", label: "Hate crime: violent attack", iccs: null },
    { code: "HC.THREAT", label: "Hate crime: threat", iccs: null },
    { code: "HC.PROPERTY", label: "Hate crime: attack on property", iccs: null },
    { code: "VE", label: "Violent extremism and terrorism", iccs: "0901" },
    { code: "VE.JIHADIST", label: "Violent extremism: jihadist", iccs: "0901" },
    { code: "VE.RIGHT", label: "Violent extremism: right-wing", iccs: "0901" },
    { code: "VE.LEFT", label: "Violent extremism: left-wing and anarchist", iccs: "0901" },
    { code: "VE.OTHER", label: "Violent extremism: other", iccs: "0901" },
    { code: "VP", label: "Other violence against the person (homicide, serious assault)", iccs: "01, 0201" },
    { code: "HD", label: "Housing and displacement events", iccs: null },
    { code: "HD.ACCOMMODATION", label: "Housing acquired or requisitioned for migrant accommodation", iccs: null },
    { code: "HD.EVICTION", label: "Evictions", iccs: null },
    { code: "HD.PROTEST", label: "Public protests about housing or accommodation", iccs: null },
    { code: "JS", label: "Justice and sentencing: a notable case outcome or policy", iccs: null },
    { code: "GR", label: "Government response: law, policy, official statement", iccs: null },
  ] satisfies CategoryDefinition[],
};

/** "SV.RAPE" → "SV"; a top-level code has no parent. */
export function parentCode(code: string): string | null {
  const dot = code.indexOf(".");
  return dot === -1 ? null : code.slice(0, dot);
}

/** Hate-crime categories are the ones that carry a bias motivation. */
export function isHateCrimeCategory(code: string): boolean {
  return code === "HC" || code.startsWith("HC.");
}
