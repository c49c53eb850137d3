// Incidents: request and response shapes. The same consistency rules run on a new incident and
// on the result of applying a patch to a stored one (`checkIncidentConsistency`).
import { z } from "zod";
import { precisionProblem } from "../../domain/dates.js";
import { isHateCrimeCategory } from "../../domain/taxonomy.js";
import {
  BIAS_MOTIVATIONS,
  DATE_PRECISIONS,
  GEO_PRECISIONS,
  HANDLING_MARKINGS,
  LEGAL_STATUSES,
  MIGRATION_STATUS_BASES,
  MIGRATION_STATUSES,
  VERIFICATION_STATUSES,
  WORKFLOW_STATES,
} from "../../domain/vocabulary.js";
import {
  count,
  countryCode,
  isStorableDate,
  pastDate,
  postCode,
  queryBoolean,
  queryList,
  searchText,
  sentenceShape,
  text,
  uuid,
  version,
} from "../common/schema.js";
import { sourceExample, sourceInput, sourceOutput, sourceReference } from "../sources/schema.js";
import { WORKFLOW_ACTIONS } from "../../domain/workflow.js";

const categoryCode = z
  .string()
  .regex(/^[A-Z]{2,3}(\.[A-Z]+)?$/, "must be a taxonomy code such as SV or SV.RAPE")
  .meta({ example: "SV.ASSAULT" });

const location = z.strictObject({
  admin_region: text(1, 120).nullable().default(null),
  city: text(1, 120).nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  precision: z.enum(GEO_PRECISIONS).default("country"),
});

const occurred = z.strictObject({
  from: pastDate,
  to: pastDate.optional().meta({ description: "Defaults to `from`." }),
  precision: z.enum(DATE_PRECISIONS).default("day"),
});

/** Victims: every count may be null, meaning not known. */
const victims = z.strictObject({
  count: count.nullable().default(null),
  minors: count.nullable().default(null),
  female: count.nullable().default(null),
  male: count.nullable().default(null),
  sex_unknown: count.nullable().default(null),
});

const perpetratorGroup = z.strictObject({
  count: count.nullable().default(null),
  migration_status: z.enum(MIGRATION_STATUSES).default("unknown").meta({
    description: "As reported by a source; never inferred from names or appearance.",
  }),
  basis: z.enum(MIGRATION_STATUS_BASES).nullable().default(null),
  nationality: countryCode.nullable().default(null),
});

const perpetrators = z.strictObject({
  count: count.nullable().default(null),
  groups: z.array(perpetratorGroup).max(20).default([]),
});

const sentence = z.strictObject({
  ...sentenceShape,
  court: text(1, 200).nullable().default(null),
  date: pastDate.nullable().default(null),
});

/** The fields a patch may replace, without defaults (an absent key leaves the stored value alone). */
const patchableFields = {
  country: countryCode,
  location,
  occurred,
  reported_date: pastDate.nullable(),
  categories: z.array(categoryCode).min(1, "at least one category is required").max(10),
  title: text(3, 200),
  summary: text(0, 10_000),
  victims,
  perpetrators,
  bias_motivations: z.array(z.enum(BIAS_MOTIVATIONS)).max(BIAS_MOTIVATIONS.length),
  legal_status: z.enum(LEGAL_STATUSES),
  sentence: sentence.nullable(),
  verification_status: z.enum(VERIFICATION_STATUSES),
  handling_marking: z.enum(HANDLING_MARKINGS),
};

const incidentFields = {
  ...patchableFields,
  location: location.default({ admin_region: null, city: null, latitude: null, longitude: null, precision: "country" }),
  reported_date: patchableFields.reported_date.default(null),
  summary: patchableFields.summary.default(""),
  victims: victims.default({ count: null, minors: null, female: null, male: null, sex_unknown: null }),
  perpetrators: perpetrators.default({ count: null, groups: [] }),
  bias_motivations: patchableFields.bias_motivations.default([]),
  legal_status: patchableFields.legal_status.default("reported"),
  sentence: patchableFields.sentence.default(null),
  verification_status: patchableFields.verification_status.default("unverified"),
  // The more restrictive marking unless the author says otherwise.
  handling_marking: patchableFields.handling_marking.default("SBU"),
};

export type IncidentFields = z.output<z.ZodObject<typeof incidentFields>>;

type Issue = { path: (string | number)[]; message: string };

/** Rules across fields, for a whole incident (new, or stored with a patch applied). */
export function checkIncidentConsistency(value: IncidentFields): Issue[] {
  const issues: Issue[] = [];
  const to = value.occurred.to ?? value.occurred.from;
  if (to < value.occurred.from) {
    issues.push({ path: ["occurred", "to"], message: "must not be before occurred.from" });
  } else {
    const problem = precisionProblem(value.occurred.from, to, value.occurred.precision);
    if (problem) issues.push({ path: ["occurred", "precision"], message: problem });
  }
  const v = value.victims;
  if (v.count !== null) {
    if (v.minors !== null && v.minors > v.count) issues.push({ path: ["victims", "minors"], message: "must not exceed victims.count" });
    const bySex = (v.female ?? 0) + (v.male ?? 0) + (v.sex_unknown ?? 0);
    if (bySex > v.count) issues.push({ path: ["victims"], message: "female + male + sex_unknown must not exceed count" });
  }
  const p = value.perpetrators;
  if (p.count !== null) {
    const inGroups = p.groups.reduce((sum, g) => sum + (g.count ?? 0), 0);
    if (inGroups > p.count) issues.push({ path: ["perpetrators", "groups"], message: "the groups' counts must not exceed perpetrators.count" });
  }
  if (new Set(value.categories).size !== value.categories.length) {
    issues.push({ path: ["categories"], message: "must not repeat a category" });
  }
  if (value.bias_motivations.length > 0 && !value.categories.some(isHateCrimeCategory)) {
    issues.push({ path: ["bias_motivations"], message: "apply only to hate-crime categories (HC); add one or remove them" });
  }
  if (new Set(value.bias_motivations).size !== value.bias_motivations.length) {
    issues.push({ path: ["bias_motivations"], message: "must not repeat a motivation" });
  }
  if (value.sentence !== null && value.legal_status !== "convicted") {
    issues.push({ path: ["sentence"], message: 'a sentence needs legal_status "convicted"' });
  }
  const { latitude, longitude } = value.location;
  if ((latitude === null) !== (longitude === null)) {
    issues.push({ path: ["location"], message: "latitude and longitude go together: give both or neither" });
  }
  if (value.reported_date !== null && value.reported_date < value.occurred.from) {
    issues.push({ path: ["reported_date"], message: "must not be before occurred.from" });
  }
  return issues;
}

export const incidentExample = {
  country: "DE",
  location: { admin_region: "Berlin", city: "Berlin", precision: "locality" },
  occurred: { from: "2025-06-14", precision: "day" },
  reported_date: "2025-06-15",
  categories: ["SV.ASSAULT"],
  title: "Sexual assault on a teenage girl at a regional train station",
  summary: "Police report an assault on a 15-year-old girl late in the evening; two suspects were detained.",
  victims: { count: 1, minors: 1, female: 1 },
  perpetrators: { count: 2, groups: [{ count: 2, migration_status: "unknown" }] },
  legal_status: "investigated",
  verification_status: "confirmed_by_authorities",
  handling_marking: "SBU",
  sources: [sourceExample],
};

export const incidentInput = z
  .strictObject({
    ...incidentFields,
    post: postCode.optional().meta({ description: "Bureau users only: the post the incident belongs to. Defaults to the author's post." }),
    synthetic: z.boolean().default(false).meta({ description: "Demo or benchmark data, never real events." }),
    sources: z
      .array(z.union([sourceReference, sourceInput]))
      .max(50)
      .default([]),
  })
  .superRefine((value, ctx) => {
    for (const issue of checkIncidentConsistency(value)) ctx.addIssue({ code: "custom", ...issue });
  })
  .meta({ example: incidentExample });
export type IncidentInput = z.output<typeof incidentInput>;

/** A patch replaces the top-level fields it names; `version` is the version it was based on. */
export const incidentPatch = z
  .strictObject(patchableFields)
  .partial()
  .extend({ version })
  .meta({ example: { version: 1, verification_status: "corroborated", legal_status: "charged" } });
export type IncidentPatch = z.output<typeof incidentPatch>;

const incidentOutput = z.object({
  id: z.string(),
  number: z.number().int(),
  post: z.string(),
  author_post: z.string().nullable().meta({ description: "The post of whoever recorded it (BUREAU for the bureau)." }),
  country: z.string(),
  location: location.required(),
  occurred: z.object({ from: z.string(), to: z.string(), precision: z.enum(DATE_PRECISIONS) }),
  reported_date: z.string().nullable(),
  categories: z.array(z.string()),
  taxonomy_version: z.number().int(),
  title: z.string(),
  summary: z.string(),
  victims: victims.required(),
  perpetrators: z.object({ count: z.number().nullable(), groups: z.array(perpetratorGroup.required()) }),
  bias_motivations: z.array(z.enum(BIAS_MOTIVATIONS)),
  legal_status: z.enum(LEGAL_STATUSES),
  sentence: sentence.required().nullable(),
  verification_status: z.enum(VERIFICATION_STATUSES),
  handling_marking: z.enum(HANDLING_MARKINGS),
  synthetic: z.boolean(),
  state: z.enum(WORKFLOW_STATES),
  retraction_reason: z.string().nullable(),
  version: z.number().int(),
  sources: z.array(sourceOutput),
  created_by: z.string(),
  created_at: z.string(),
  updated_by: z.string(),
  updated_at: z.string(),
});
export type IncidentRecordOutput = z.infer<typeof incidentOutput>;

/** What the API answers: the record, plus what the signed-in user may do with it now. */
export const incidentView = incidentOutput.extend({
  allowed_actions: z.array(z.enum(WORKFLOW_ACTIONS)).meta({ description: "Workflow actions you may take now." }),
  editable: z.boolean().meta({ description: "Whether you may edit it now (PATCH, attach sources)." }),
});
export type IncidentOutput = z.infer<typeof incidentView>;

const INCIDENT_SORTS = ["-created", "created", "-occurred", "occurred"] as const;

/**
 * Whether `value` can be a cursor of the incident list in this sort order: base64url JSON
 * {s: sort, k: key, n: number} as the service writes it, with a number the databases can compare
 * (a safe positive integer, not 1e308) and, for the occurred sorts, a date that exists (PostgreSQL
 * errors on "2025-13-45" instead of finding nothing).
 */
function isIncidentCursor(value: string, sort: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return false;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return false;
  const { s, k, n } = parsed as Record<string, unknown>;
  if (s !== sort || typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) return false;
  return sort.endsWith("occurred") ? typeof k === "string" && isStorableDate(k) : k === n;
}

export const incidentListQuery = z
  .strictObject({
    country: queryList(countryCode).optional(),
    post: queryList(postCode).optional(),
    category: queryList(categoryCode).optional().meta({ description: "A code matches itself and its subcategories (SV matches SV.RAPE)." }),
    state: queryList(z.enum(WORKFLOW_STATES)).optional(),
    verification_status: queryList(z.enum(VERIFICATION_STATUSES)).optional(),
    migration_status: queryList(z.enum(MIGRATION_STATUSES))
      .optional()
      .meta({ description: "Perpetrators' migration status as reported; `unknown` also matches incidents with no perpetrator group recorded." }),
    occurred_from: pastDate.optional().meta({ description: "Incidents whose window ends on or after this date." }),
    occurred_to: pastDate.optional().meta({ description: "Incidents whose window starts on or before this date." }),
    q: searchText.optional().meta({ description: "Full-text search in titles, summaries and source titles." }),
    number: z.coerce
      .number("must be a whole number")
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(Number.MAX_SAFE_INTEGER, "is not an incident number")
      .optional()
      .meta({ description: "The incident with this number (its No.), when the caller may see it." }),
    synthetic: queryBoolean.optional(),
    sort: z.enum(INCIDENT_SORTS).default("-created"),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional().meta({ description: "`next_cursor` of the previous page, with the same `sort`." }),
  })
  .superRefine((query, ctx) => {
    if (query.cursor !== undefined && !isIncidentCursor(query.cursor, query.sort)) {
      ctx.addIssue({ code: "custom", path: ["cursor"], message: "is not a cursor from this listing; start again without it" });
    }
  });
export type IncidentListQuery = z.output<typeof incidentListQuery>;

export const incidentList = z.object({ items: z.array(incidentView), next_cursor: z.string().nullable() });

export const incidentIdParams = z.strictObject({ id: uuid });

export const attachSourceInput = z.union([sourceReference, sourceInput]).meta({ example: sourceExample });

export const transitionInput = z
  .strictObject({
    action: z.enum(WORKFLOW_ACTIONS),
    comment: text(1, 5000).optional().meta({ description: "Required to return a record: what the post should change." }),
    reason: text(1, 2000).optional().meta({ description: "Required to retract a record; it stays on the record." }),
    version,
  })
  .superRefine((value, ctx) => {
    if (value.action === "return" && value.comment === undefined) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "a return needs a comment saying what to change" });
    }
    if (value.action === "retract" && value.reason === undefined) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "a retraction needs a reason" });
    }
  })
  .meta({ example: { action: "submit", version: 1 } });
export type TransitionInput = z.output<typeof transitionInput>;

export const commentInput = z.strictObject({ body: text(1, 5000) }).meta({ example: { body: "Is there a court reference for this case?" } });

export const commentOutput = z.object({
  id: z.string(),
  kind: z.enum(["comment", "return", "retract"]),
  body: z.string(),
  author: z.object({ id: z.string(), name: z.string(), post: z.string() }),
  created_at: z.string(),
});
export type CommentOutput = z.infer<typeof commentOutput>;

export const historyOutput = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      action: z.string(),
      actor: z.object({ user_id: z.string().nullable(), name: z.string().nullable(), system: z.string().nullable() }),
      changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
    }),
  ),
});
