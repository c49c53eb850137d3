// Use cases of official statistics: import a file, list datasets, query observations, find a
// population denominator, record and list case outcomes. Each checks permission first.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { ValidationError, type IssueDetail } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import type { Database } from "../../db/types.js";
import { formatIssues } from "../../http/issues.js";
import { recordAudit } from "../audit/audit.js";
import { requireUser, type Actor } from "../auth/actor.js";
import { authorize } from "../auth/policy.js";
import { runImport, type ImportRequest } from "./import-run.js";
import { findPopulation, POPULATION_CITIZENSHIPS, type PopulationCitizenship } from "./population.js";
import * as repo from "./repo.js";
import {
  caseOutcomeInput,
  caseOutcomeQuery,
  observationQuery,
  type CaseOutcomeInput,
  type CaseOutcomeOutput,
  type DatasetSummary,
  type ImportReport,
  type ObservationOutput,
  type PopulationAnswer,
} from "./schema.js";

function parsed<T>(result: { success: true; data: T } | { success: false; error: { issues: Parameters<typeof formatIssues>[1] } }): T {
  if (!result.success) throw new ValidationError(formatIssues("", result.error.issues));
  return result.data;
}

const toBool = (v: boolean | number | null) => (v === null ? null : Boolean(v));

function presentCaseOutcome(r: Database["case_outcomes"]): CaseOutcomeOutput {
  const sentenced = r.custodial_months !== null || r.suspended !== null || r.fine_amount !== null || r.sentence_other !== null;
  return {
    id: r.id,
    country: r.country_code,
    offence: { category: r.offence_category, iccs: r.iccs_code },
    court_level: r.court_level,
    decision_date: r.decision_date,
    defendant: { migration_status: r.defendant_migration_status, basis: r.defendant_status_basis },
    convicted: Boolean(r.convicted),
    sentence: sentenced
      ? {
          custodial_months: r.custodial_months === null ? null : Number(r.custodial_months),
          suspended: toBool(r.suspended),
          fine: r.fine_amount === null ? null : { amount: Number(r.fine_amount), currency: r.fine_currency ?? "" },
          other: r.sentence_other,
        }
      : null,
    incident_id: r.incident_id,
    synthetic: Boolean(r.synthetic),
    created_by: r.created_by,
    created_at: r.created_at,
  };
}

export function statsService(db: Kysely<Database>) {
  return {
    /** Import one statistics file (see import-run.ts); rejected rows are reported, the rest kept. */
    async importFile(actor: Actor | null, request: ImportRequest): Promise<ImportReport> {
      authorize(actor, "stats.import");
      return runImport(db, actor!, request);
    },

    async listDatasets(actor: Actor | null): Promise<DatasetSummary[]> {
      authorize(actor, "stats.read");
      return (await repo.datasetSummaries(db)).map((d) => ({ ...d, revision: Number(d.revision), series: Number(d.series ?? 0), observations: Number(d.observations ?? 0) }));
    },

    async queryObservations(actor: Actor | null, query: unknown): Promise<ObservationOutput[]> {
      authorize(actor, "stats.read");
      const q = parsed(observationQuery.safeParse(query));
      return (await repo.findObservations(db, q)).map((r) => ({
        dataset: r.dataset,
        series: r.series,
        dimensions: JSON.parse(r.dimensions) as Record<string, string>,
        labels: r.dimension_labels === null ? {} : (JSON.parse(r.dimension_labels) as Record<string, string>),
        unit: r.unit,
        geo: r.geo,
        geo_kind: r.geo_kind,
        period: r.period,
        value: Number(r.value),
        flag: r.flag,
      }));
    },

    /** The population of a geo in a year (by citizenship: TOTAL, NAT or FOR), from the best source held. */
    async populationFor(actor: Actor | null, geo: string, year: number, options: { citizen?: PopulationCitizenship } = {}): Promise<PopulationAnswer | null> {
      authorize(actor, "stats.read");
      const citizen = options.citizen ?? "TOTAL";
      if (!POPULATION_CITIZENSHIPS.includes(citizen)) throw new ValidationError([{ path: "citizen", message: `must be one of ${POPULATION_CITIZENSHIPS.join(", ")}` }]);
      if (!Number.isInteger(year)) throw new ValidationError([{ path: "year", message: "must be a whole year" }]);
      return findPopulation(db, geo, year, citizen);
    },

    async recordCaseOutcome(actor: Actor | null, input: CaseOutcomeInput): Promise<CaseOutcomeOutput> {
      authorize(actor, "case_outcome.create");
      const user = requireUser(actor);
      const value = parsed(caseOutcomeInput.safeParse(input));
      const issues: IssueDetail[] = [];
      const offence = await repo.iccsOf(db, value.offence.category);
      if (!offence.exists) issues.push({ path: "offence.category", message: `${value.offence.category} is not a category of the current taxonomy` });
      if (!(await db.selectFrom("countries").select("code").where("code", "=", value.country).executeTakeFirst())) {
        issues.push({ path: "country", message: `no country has the code ${value.country}` });
      }
      if (value.incident_id !== null && !(await repo.incidentExists(db, value.incident_id))) issues.push({ path: "incident_id", message: "no incident has this id" });
      if (issues.length > 0) throw new ValidationError(issues);
      const row: Database["case_outcomes"] = {
        id: newId(),
        country_code: value.country,
        offence_category: value.offence.category,
        iccs_code: value.offence.iccs ?? offence.iccs,
        court_level: value.court_level,
        decision_date: value.decision_date,
        defendant_migration_status: value.defendant.migration_status,
        defendant_status_basis: value.defendant.basis,
        convicted: value.convicted,
        custodial_months: value.sentence?.custodial_months ?? null,
        suspended: value.sentence?.suspended ?? null,
        fine_amount: value.sentence?.fine?.amount ?? null,
        fine_currency: value.sentence?.fine?.currency ?? null,
        sentence_other: value.sentence?.other ?? null,
        incident_id: value.incident_id,
        synthetic: value.synthetic,
        created_by: user.id,
        created_at: nowIso(),
      };
      const output = presentCaseOutcome(row);
      await db.transaction().execute(async (trx) => {
        await repo.insertCaseOutcome(trx, row);
        await recordAudit(trx, actor, { action: "case_outcome.create", entityType: "case_outcome", entityId: row.id, after: output });
      });
      return output;
    },

    async listCaseOutcomes(actor: Actor | null, query: unknown = {}): Promise<CaseOutcomeOutput[]> {
      authorize(actor, "case_outcome.read");
      return (await repo.findCaseOutcomes(db, parsed(caseOutcomeQuery.safeParse(query)))).map(presentCaseOutcome);
    },
  };
}
