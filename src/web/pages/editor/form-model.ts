// The editor's model: the form as text fields (a blank number is "not known", not 0), how it becomes
// the API's request (POST /incidents, or a PATCH of the fields that changed), and how a stored
// incident becomes the form again. Field paths are the API's, so its errors land on the right field.
import type { Incident, IncidentPatch, NewIncident, NewSource } from "../../api/types.js";
import type { FormIssue } from "../../components/form.js";

export interface SourceForm {
  key: string;
  kind: NewSource["kind"];
  publisher: string;
  title: string;
  url: string;
  language: string;
  published_date: string;
  reliability: NewSource["reliability"];
  credibility: string;
}

type GroupBasis = NonNullable<Incident["perpetrators"]["groups"][number]["basis"]>;

export interface GroupForm {
  key: string;
  count: string;
  migration_status: Incident["perpetrators"]["groups"][number]["migration_status"];
  basis: string;
  nationality: string;
}

export interface IncidentForm {
  post: string;
  country: string;
  location: { admin_region: string; city: string; latitude: string; longitude: string; precision: Incident["location"]["precision"] };
  occurred: { from: string; to: string; precision: Incident["occurred"]["precision"] };
  reported_date: string;
  categories: string[];
  title: string;
  summary: string;
  bias_motivations: Incident["bias_motivations"];
  victims: { count: string; minors: string; female: string; male: string; sex_unknown: string };
  perpetrators: { count: string; groups: GroupForm[] };
  legal_status: Incident["legal_status"];
  sentence: { custodial_months: string; suspended: "" | "yes" | "no"; fine_amount: string; fine_currency: string; other: string; court: string; date: string };
  verification_status: Incident["verification_status"];
  handling_marking: Incident["handling_marking"];
  synthetic: boolean;
  /** Sources to add (a stored record's sources are shown, not edited, here). */
  sources: SourceForm[];
}

let keys = 0;
const newKey = () => `k${++keys}`;

export function emptySource(): SourceForm {
  return { key: newKey(), kind: "news", publisher: "", title: "", url: "", language: "", published_date: "", reliability: "F", credibility: "6" };
}

export function emptyGroup(): GroupForm {
  return { key: newKey(), count: "", migration_status: "unknown", basis: "", nationality: "" };
}

const EMPTY_SENTENCE: IncidentForm["sentence"] = { custodial_months: "", suspended: "", fine_amount: "", fine_currency: "", other: "", court: "", date: "" };

export function emptyForm(country: string): IncidentForm {
  return {
    post: "",
    country,
    location: { admin_region: "", city: "", latitude: "", longitude: "", precision: "country" },
    occurred: { from: "", to: "", precision: "day" },
    reported_date: "",
    categories: [],
    title: "",
    summary: "",
    bias_motivations: [],
    victims: { count: "", minors: "", female: "", male: "", sex_unknown: "" },
    perpetrators: { count: "", groups: [] },
    legal_status: "reported",
    sentence: EMPTY_SENTENCE,
    verification_status: "unverified",
    handling_marking: "SBU",
    synthetic: false,
    sources: [emptySource()],
  };
}

const text = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export function formOf(incident: Incident): IncidentForm {
  const { location, sentence } = incident;
  return {
    post: incident.post,
    country: incident.country,
    location: {
      admin_region: text(location.admin_region),
      city: text(location.city),
      latitude: text(location.latitude),
      longitude: text(location.longitude),
      precision: location.precision,
    },
    occurred: {
      from: incident.occurred.from,
      to: incident.occurred.to === incident.occurred.from ? "" : incident.occurred.to,
      precision: incident.occurred.precision,
    },
    reported_date: text(incident.reported_date),
    categories: [...incident.categories],
    title: incident.title,
    summary: incident.summary,
    bias_motivations: [...incident.bias_motivations],
    victims: {
      count: text(incident.victims.count),
      minors: text(incident.victims.minors),
      female: text(incident.victims.female),
      male: text(incident.victims.male),
      sex_unknown: text(incident.victims.sex_unknown),
    },
    perpetrators: {
      count: text(incident.perpetrators.count),
      groups: incident.perpetrators.groups.map((g) => ({
        key: newKey(),
        count: text(g.count),
        migration_status: g.migration_status,
        basis: text(g.basis),
        nationality: text(g.nationality),
      })),
    },
    legal_status: incident.legal_status,
    sentence: sentence
      ? {
          custodial_months: text(sentence.custodial_months),
          suspended: sentence.suspended === null ? "" : sentence.suspended ? "yes" : "no",
          fine_amount: text(sentence.fine?.amount),
          fine_currency: text(sentence.fine?.currency),
          other: text(sentence.other),
          court: text(sentence.court),
          date: text(sentence.date),
        }
      : EMPTY_SENTENCE,
    verification_status: incident.verification_status,
    handling_marking: incident.handling_marking,
    synthetic: incident.synthetic,
    sources: [],
  };
}

/** Turns text fields into numbers, collecting an issue for anything that is not one. */
class Numbers {
  issues: FormIssue[] = [];
  read(path: string, value: string, integer = true): number | null {
    const trimmed = value.trim();
    if (trimmed === "") return null;
    const n = Number(trimmed.replace(",", "."));
    if (!Number.isFinite(n) || (integer && !Number.isInteger(n))) {
      this.issues.push({ path, message: integer ? "must be a whole number, or left empty if not known" : "must be a number, or left empty" });
      return null;
    }
    return n;
  }
}

const orNull = (v: string) => (v.trim() === "" ? null : v.trim());

/** The fields a PATCH may send, built from the form. */
function fields(form: IncidentForm, numbers: Numbers) {
  const s = form.sentence;
  const sentenceGiven = Object.values(s).some((v) => v !== "");
  return {
    country: form.country,
    location: {
      admin_region: orNull(form.location.admin_region),
      city: orNull(form.location.city),
      latitude: numbers.read("location.latitude", form.location.latitude, false),
      longitude: numbers.read("location.longitude", form.location.longitude, false),
      precision: form.location.precision,
    },
    occurred: { from: form.occurred.from, ...(form.occurred.to ? { to: form.occurred.to } : {}), precision: form.occurred.precision },
    reported_date: orNull(form.reported_date),
    categories: form.categories,
    title: form.title.trim(),
    summary: form.summary.trim(),
    victims: {
      count: numbers.read("victims.count", form.victims.count),
      minors: numbers.read("victims.minors", form.victims.minors),
      female: numbers.read("victims.female", form.victims.female),
      male: numbers.read("victims.male", form.victims.male),
      sex_unknown: numbers.read("victims.sex_unknown", form.victims.sex_unknown),
    },
    perpetrators: {
      count: numbers.read("perpetrators.count", form.perpetrators.count),
      groups: form.perpetrators.groups.map((g, i) => ({
        count: numbers.read(`perpetrators.groups.${i}.count`, g.count),
        migration_status: g.migration_status,
        basis: orNull(g.basis) as GroupBasis | null,
        nationality: orNull(g.nationality),
      })),
    },
    bias_motivations: form.bias_motivations,
    legal_status: form.legal_status,
    sentence: sentenceGiven
      ? {
          custodial_months: numbers.read("sentence.custodial_months", s.custodial_months, false),
          suspended: s.suspended === "" ? null : s.suspended === "yes",
          fine:
            s.fine_amount.trim() || s.fine_currency.trim()
              ? { amount: numbers.read("sentence.fine.amount", s.fine_amount, false) ?? 0, currency: s.fine_currency.trim().toUpperCase() }
              : null,
          other: orNull(s.other),
          court: orNull(s.court),
          date: orNull(s.date),
        }
      : null,
    verification_status: form.verification_status,
    handling_marking: form.handling_marking,
  };
}

export function sourceInput(source: SourceForm): NewSource {
  return {
    kind: source.kind,
    publisher: source.publisher.trim(),
    title: source.title.trim(),
    url: orNull(source.url),
    language: orNull(source.language),
    published_date: orNull(source.published_date),
    reliability: source.reliability,
    credibility: Number(source.credibility),
  };
}

/** The POST body for a new incident, and any field that is not a number where one is needed. */
export function newIncidentOf(form: IncidentForm, bureau: boolean): { body: NewIncident; issues: FormIssue[] } {
  const numbers = new Numbers();
  const body: NewIncident = {
    ...fields(form, numbers),
    ...(bureau && form.post ? { post: form.post } : {}),
    synthetic: form.synthetic,
    sources: form.sources.map(sourceInput),
  };
  return { body, issues: numbers.issues };
}

type PatchField = Exclude<keyof IncidentPatch, "version">;

/** The PATCH of the top-level fields that differ between `base` (as loaded) and `form`. */
export function patchOf(base: IncidentForm, form: IncidentForm, version: number): { body: IncidentPatch; changed: PatchField[]; issues: FormIssue[] } {
  const numbers = new Numbers();
  const after = fields(form, numbers);
  const before = fields(base, new Numbers());
  const changed = (Object.keys(after) as PatchField[]).filter((key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]));
  const body: IncidentPatch = { version, ...Object.fromEntries(changed.map((key) => [key, after[key]])) };
  return { body, changed, issues: numbers.issues };
}

/** Top-level fields that differ between two forms (for the "someone saved first" comparison). */
export function changedFields(a: IncidentForm, b: IncidentForm): PatchField[] {
  const x = fields(a, new Numbers());
  const y = fields(b, new Numbers());
  return (Object.keys(x) as PatchField[]).filter((key) => JSON.stringify(x[key]) !== JSON.stringify(y[key]));
}

/** The form with `mine`'s values for `keys` laid over `theirs`. */
export function overlay(theirs: IncidentForm, mine: IncidentForm, keys: PatchField[]): IncidentForm {
  const result: IncidentForm = { ...theirs, sources: mine.sources };
  for (const key of keys) (result as unknown as Record<string, unknown>)[key] = (mine as unknown as Record<string, unknown>)[key];
  return result;
}

export const FIELD_LABELS: Record<PatchField, string> = {
  country: "Country",
  location: "Location",
  occurred: "Date",
  reported_date: "Reported date",
  categories: "Categories",
  title: "Title",
  summary: "Summary",
  victims: "Victims",
  perpetrators: "Perpetrators",
  bias_motivations: "Bias motivation",
  legal_status: "Legal status",
  sentence: "Sentence",
  verification_status: "Verification",
  handling_marking: "Handling marking",
};
