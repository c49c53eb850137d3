// Report templates: which sections a report has, in which order, under which headings. The cable
// and the comparative brief have one template each; the annual country report's structure changes
// from year to year, so it has a template per report year: built-in ones here, and any year an
// editor configures (stored in `report_templates`, each change a new revision).
//
// A report of year Y uses the configured template of Y if there is one, else the built-in
// template of the latest year up to Y (else the earliest built-in).
import type { ReportKind } from "./document.js";

/** What a section shows; the content builder (content.ts) knows how to make each. */
export const SECTION_KINDS = [
  "figures",
  "status",
  "trends",
  "comparison",
  "notable",
  "justice",
  "housing",
  "engagement",
  "context",
  "limitations",
  "method",
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const SECTION_DESCRIPTIONS: Record<SectionKind, string> = {
  figures: "Counts and rates per 100,000 by category, with 95% intervals and the unknown share (table and chart).",
  status: "Incidents by perpetrators' migration status as reported, with rates where a denominator exists; unknown always shown.",
  trends: "Each category compared with the previous period: an increase or decrease only where significant.",
  comparison: "Countries side by side: rates by country and category, a chart and a map (comparative brief).",
  notable: "Notable accepted incidents, with numbered source citations.",
  housing:
    "House-price and rent indices (nominal or real, with base year), asylum applications and reception figures where held, each in its own unit, beside the housing and displacement events counted; no causal wording.",
  justice:
    "Sentences by defendants' migration status as reported, per offence and court level (n, median and IQR of custodial months, shares suspended and fined, a rank test; refused below the minimum n), next to convictions by citizenship as published.",
  engagement:
    "Engagement with the host government: the accepted engagements of the period by the counterpart's level and the response (no response yet always shown), and the notable ones (as the bureau marked them, else the latest).",
  context: "Official statistics for context (population, asylum applications, suspects and convictions by citizenship), with publisher credit.",
  limitations: "Data limitations, generated from coverage, unknown shares, small counts and missing denominators.",
  method: "How the figures were counted.",
};

export interface TemplateSection {
  section: SectionKind;
  heading: string;
}

export interface ReportTemplate {
  /** e.g. "cable", "brief", "country-2026" */
  id: string;
  /** "builtin" or "r<revision>" for a configured one. */
  version: string;
  kind: ReportKind;
  /** The report year it applies to (country reports only). */
  year: number | null;
  sections: TemplateSection[];
}

/** Section kinds each report kind may use (a country report is about one country: no comparison). */
const ALLOWED_SECTIONS: Record<ReportKind, readonly SectionKind[]> = {
  cable: ["figures", "status", "trends", "notable", "context", "limitations", "method"],
  country: ["figures", "status", "trends", "notable", "justice", "housing", "engagement", "context", "limitations", "method"],
  brief: ["comparison", "figures", "status", "trends", "notable", "context", "limitations", "method"],
};

export const CABLE_TEMPLATE: ReportTemplate = {
  id: "cable",
  version: "builtin",
  kind: "cable",
  year: null,
  sections: [
    { section: "figures", heading: "Incidents by category" },
    { section: "status", heading: "Perpetrators' migration status as reported" },
    { section: "trends", heading: "Change on the previous period" },
    { section: "notable", heading: "Notable incidents" },
    { section: "context", heading: "Official statistics" },
    { section: "limitations", heading: "Limitations" },
  ],
};

export const BRIEF_TEMPLATE: ReportTemplate = {
  id: "brief",
  version: "builtin",
  kind: "brief",
  year: null,
  sections: [
    { section: "comparison", heading: "Countries compared" },
    { section: "status", heading: "Perpetrators' migration status as reported" },
    { section: "trends", heading: "Change on the previous period" },
    { section: "notable", heading: "Notable incidents" },
    { section: "context", heading: "Official statistics for context" },
    { section: "limitations", heading: "Data limitations" },
    { section: "method", heading: "Method" },
  ],
};

/** Built-in country-report templates by the first report year they apply to. */
export const COUNTRY_TEMPLATES: ReportTemplate[] = [
  {
    id: "country-2025",
    version: "builtin",
    kind: "country",
    year: 2025,
    sections: [
      { section: "figures", heading: "Crimes and abuses linked to migration" },
      { section: "status", heading: "Perpetrators' migration status" },
      { section: "notable", heading: "Notable cases" },
      { section: "justice", heading: "Justice and sentencing" },
      { section: "housing", heading: "Housing and displacement" },
      { section: "context", heading: "Official statistics" },
      { section: "limitations", heading: "Limitations of the data" },
    ],
  },
  {
    id: "country-2026",
    version: "builtin",
    kind: "country",
    year: 2026,
    sections: [
      { section: "figures", heading: "Reported incidents and rates" },
      { section: "trends", heading: "Change on the previous year" },
      { section: "status", heading: "Perpetrators' migration status as reported" },
      { section: "notable", heading: "Notable accepted incidents" },
      { section: "justice", heading: "Justice and sentencing" },
      { section: "housing", heading: "Housing and displacement" },
      { section: "engagement", heading: "Engagement with the host government" },
      { section: "context", heading: "Official statistics for context" },
      { section: "limitations", heading: "Data limitations" },
      { section: "method", heading: "Method" },
    ],
  },
];

/** The built-in template for a kind (and, for the country report, a year). */
export function builtinTemplate(kind: ReportKind, year: number | null): ReportTemplate {
  if (kind === "cable") return CABLE_TEMPLATE;
  if (kind === "brief") return BRIEF_TEMPLATE;
  const candidates = COUNTRY_TEMPLATES.filter((t) => year === null || t.year! <= year);
  return candidates.length > 0 ? candidates[candidates.length - 1]! : COUNTRY_TEMPLATES[0]!;
}

/** Problems with a template's sections for a kind (empty when it is fine). */
export function templateProblems(kind: ReportKind, sections: TemplateSection[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<SectionKind>();
  sections.forEach((s, i) => {
    if (!ALLOWED_SECTIONS[kind].includes(s.section)) {
      problems.push({
        path: `sections.${i}.section`,
        message: `a ${kind} report may not have a ${s.section} section (allowed: ${ALLOWED_SECTIONS[kind].join(", ")})`,
      });
    }
    if (seen.has(s.section)) problems.push({ path: `sections.${i}.section`, message: `${s.section} appears twice` });
    seen.add(s.section);
  });
  if (!seen.has("limitations"))
    problems.push({ path: "sections", message: "must include a limitations section: a report never omits what its data cannot say" });
  return problems;
}
