// Between the API's nested incident and the flat row: `fieldsToColumns` for writing,
// `presentIncident` for reading. Both directions are written out field by field on purpose.
import type { IncidentRow, PerpetratorGroupTable, SourceRow } from "../../db/types.js";
import { presentSource } from "../sources/presenter.js";
import type { IncidentFields, IncidentRecordOutput as IncidentOutput } from "./schema.js";

type Columns = Omit<
  IncidentRow,
  | "id"
  | "number"
  | "post_code"
  | "author_post_code"
  | "synthetic"
  | "state"
  | "retraction_reason"
  | "version"
  | "taxonomy_version"
  | "created_by"
  | "created_at"
  | "updated_by"
  | "updated_at"
>;

export function fieldsToColumns(f: IncidentFields): Columns {
  return {
    country_code: f.country,
    admin_region: f.location.admin_region,
    city: f.location.city,
    latitude: f.location.latitude,
    longitude: f.location.longitude,
    geo_precision: f.location.precision,
    occurred_from: f.occurred.from,
    occurred_to: f.occurred.to ?? f.occurred.from,
    date_precision: f.occurred.precision,
    reported_date: f.reported_date,
    title: f.title,
    summary: f.summary,
    victims_count: f.victims.count,
    victims_minors: f.victims.minors,
    victims_female: f.victims.female,
    victims_male: f.victims.male,
    victims_sex_unknown: f.victims.sex_unknown,
    perpetrators_count: f.perpetrators.count,
    bias_motivations: JSON.stringify(f.bias_motivations),
    legal_status: f.legal_status,
    sentence_custodial_months: f.sentence?.custodial_months ?? null,
    sentence_suspended: f.sentence?.suspended ?? null,
    sentence_fine_amount: f.sentence?.fine?.amount ?? null,
    sentence_fine_currency: f.sentence?.fine?.currency ?? null,
    sentence_other: f.sentence?.other ?? null,
    sentence_court: f.sentence?.court ?? null,
    sentence_date: f.sentence?.date ?? null,
    verification_status: f.verification_status,
    handling_marking: f.handling_marking,
  };
}

export function groupsToRows(f: IncidentFields) {
  return f.perpetrators.groups.map((g) => ({
    count: g.count,
    migration_status: g.migration_status,
    basis: g.basis,
    nationality: g.nationality,
  }));
}

/** The editable fields of a stored incident, in input shape: a patch is applied on top of this. */
export function storedFields(row: IncidentRow, categories: string[], groups: PerpetratorGroupTable[]): IncidentFields {
  const o = presentIncident(row, categories, groups, []);
  return {
    country: o.country,
    location: o.location,
    occurred: o.occurred,
    reported_date: o.reported_date,
    categories: o.categories,
    title: o.title,
    summary: o.summary,
    victims: o.victims,
    perpetrators: o.perpetrators,
    bias_motivations: o.bias_motivations,
    legal_status: o.legal_status,
    sentence: o.sentence,
    verification_status: o.verification_status,
    handling_marking: o.handling_marking,
  };
}

export function presentIncident(row: IncidentRow, categories: string[], groups: PerpetratorGroupTable[], sources: SourceRow[]): IncidentOutput {
  const hasSentence =
    row.sentence_custodial_months !== null ||
    row.sentence_suspended !== null ||
    row.sentence_fine_amount !== null ||
    row.sentence_other !== null ||
    row.sentence_court !== null ||
    row.sentence_date !== null;
  return {
    id: row.id,
    number: row.number,
    post: row.post_code,
    author_post: row.author_post_code,
    country: row.country_code,
    location: {
      admin_region: row.admin_region,
      city: row.city,
      latitude: row.latitude,
      longitude: row.longitude,
      precision: row.geo_precision,
    },
    occurred: {
      from: row.occurred_from,
      to: row.occurred_to,
      precision: row.date_precision,
    },
    reported_date: row.reported_date,
    categories,
    taxonomy_version: row.taxonomy_version,
    title: row.title,
    summary: row.summary,
    victims: {
      count: row.victims_count,
      minors: row.victims_minors,
      female: row.victims_female,
      male: row.victims_male,
      sex_unknown: row.victims_sex_unknown,
    },
    perpetrators: {
      count: row.perpetrators_count,
      groups: groups.map((g) => ({
        count: g.count,
        migration_status: g.migration_status,
        basis: g.basis,
        nationality: g.nationality,
      })),
    },
    bias_motivations: JSON.parse(row.bias_motivations) as IncidentOutput["bias_motivations"],
    legal_status: row.legal_status,
    sentence: hasSentence
      ? {
          custodial_months: row.sentence_custodial_months,
          suspended: row.sentence_suspended,
          fine: row.sentence_fine_amount === null ? null : { amount: row.sentence_fine_amount, currency: row.sentence_fine_currency ?? "" },
          other: row.sentence_other,
          court: row.sentence_court,
          date: row.sentence_date,
        }
      : null,
    verification_status: row.verification_status,
    handling_marking: row.handling_marking,
    synthetic: row.synthetic,
    state: row.state as IncidentOutput["state"],
    retraction_reason: row.retraction_reason,
    version: row.version,
    sources: sources.map(presentSource),
    created_by: row.created_by,
    created_at: row.created_at,
    updated_by: row.updated_by,
    updated_at: row.updated_at,
  };
}
