// The editor's field groups (PRODUCT.md §3): what happened; when and where; victims; perpetrators
// with their migration status as reported; legal status and sentence; verification and handling.
import type { Dispatch, SetStateAction } from "react";
import { CheckboxGroup, SelectField, TextArea, TextField } from "../../components/form.js";
import { Section } from "../../components/Page.js";
import {
  BASIS_LABELS,
  BIAS_LABELS,
  DATE_PRECISION_LABELS,
  GEO_PRECISION_LABELS,
  LEGAL_STATUS_LABELS,
  MIGRATION_STATUS_LABELS,
  VERIFICATION_LABELS,
} from "../../lib/labels.js";
import { useReference } from "../../lib/reference.js";
import {
  BIAS_MOTIVATIONS,
  DATE_PRECISIONS,
  GEO_PRECISIONS,
  HANDLING_MARKINGS,
  LEGAL_STATUSES,
  MIGRATION_STATUS_BASES,
  MIGRATION_STATUSES,
  VERIFICATION_STATUSES,
} from "../../../domain/vocabulary.js";
import { emptyGroup, type IncidentForm } from "./form-model.js";

export interface SectionProps {
  form: IncidentForm;
  setForm: Dispatch<SetStateAction<IncidentForm>>;
  error(path: string): string | undefined;
}

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) => values.map((value) => ({ value, label: labels[value] }));

export function WhatSection({ form, setForm, error }: SectionProps) {
  const reference = useReference();
  const categories = reference.taxonomy.categories;
  return (
    <Section title="What happened">
      <TextField
        path="title"
        label="Title"
        hint="A short factual headline, without names of people."
        value={form.title}
        onValue={(title) => setForm((f) => ({ ...f, title }))}
        error={error("title")}
        maxLength={200}
      />
      <fieldset className="field category-picker" id="field-categories">
        <legend>Categories</legend>
        <p className="field-hint">At least one. Choose the most specific that fits; the same categories whoever the perpetrator is.</p>
        {error("categories") ? <p className="field-error">{error("categories")}</p> : null}
        <div className="category-groups">
          {reference.topCategories.map((top) => (
            <CheckboxGroup
              key={top.code}
              path={`categories-${top.code}`}
              legend={`${top.code} · ${top.label}`}
              className="category-group"
              options={categories
                .filter((c) => c.code === top.code || c.parent_code === top.code)
                .map((c) => ({ value: c.code, label: c.code === top.code ? `${c.code} (general)` : `${c.code} · ${c.label.replace(/^[^:]+: /, "")}` }))}
              values={form.categories}
              onValues={(values) =>
                setForm((f) => ({
                  ...f,
                  categories: [
                    ...f.categories.filter((c) => !(c === top.code || c.startsWith(`${top.code}.`))),
                    ...values.filter((v) => v === top.code || v.startsWith(`${top.code}.`)),
                  ],
                }))
              }
            />
          ))}
        </div>
      </fieldset>
      <TextArea
        path="summary"
        label="Summary"
        hint="What happened, from the sources. No names of victims or suspects, no religion or ethnicity of individuals; a court case number is enough."
        value={form.summary}
        onValue={(summary) => setForm((f) => ({ ...f, summary }))}
        error={error("summary")}
        rows={6}
      />
      <CheckboxGroup
        path="bias_motivations"
        legend="Bias motivation (hate crimes only)"
        hint="A property of the offence, never of a person. Only with a hate-crime category (HC)."
        options={options(BIAS_MOTIVATIONS, BIAS_LABELS)}
        values={form.bias_motivations}
        onValues={(values) => setForm((f) => ({ ...f, bias_motivations: values as IncidentForm["bias_motivations"] }))}
        error={error("bias_motivations")}
        columns={2}
      />
    </Section>
  );
}

export function WhenWhereSection({ form, setForm, error, bureau }: SectionProps & { bureau: boolean }) {
  const reference = useReference();
  const setLocation = (changes: Partial<IncidentForm["location"]>) => setForm((f) => ({ ...f, location: { ...f.location, ...changes } }));
  const setOccurred = (changes: Partial<IncidentForm["occurred"]>) => setForm((f) => ({ ...f, occurred: { ...f.occurred, ...changes } }));
  return (
    <Section title="When and where">
      <div className="field-grid">
        <SelectField
          path="country"
          label="Country"
          value={form.country}
          empty="Choose a country"
          options={reference.countries.map((c) => ({ value: c.code, label: c.name }))}
          onValue={(country) => setForm((f) => ({ ...f, country }))}
          error={error("country")}
        />
        {bureau ? (
          <SelectField
            path="post"
            label="Post"
            hint="The post the record belongs to."
            value={form.post}
            empty="The bureau"
            options={reference.posts.filter((p) => p.kind === "embassy").map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))}
            onValue={(post) => setForm((f) => ({ ...f, post }))}
            error={error("post")}
          />
        ) : null}
        <TextField
          path="location.admin_region"
          label="Region"
          value={form.location.admin_region}
          onValue={(admin_region) => setLocation({ admin_region })}
          error={error("location.admin_region")}
        />
        <TextField
          path="location.city"
          label="City or place"
          value={form.location.city}
          onValue={(city) => setLocation({ city })}
          error={error("location.city")}
        />
        <SelectField
          path="location.precision"
          label="Location precision"
          value={form.location.precision}
          options={options(GEO_PRECISIONS, GEO_PRECISION_LABELS)}
          onValue={(v) => setLocation({ precision: v as IncidentForm["location"]["precision"] })}
          error={error("location.precision")}
        />
        <TextField
          path="location.latitude"
          label="Latitude"
          hint="Optional, −90 to 90."
          inputMode="decimal"
          value={form.location.latitude}
          onValue={(latitude) => setLocation({ latitude })}
          error={error("location.latitude") ?? error("location")}
        />
        <TextField
          path="location.longitude"
          label="Longitude"
          hint="Optional, −180 to 180."
          inputMode="decimal"
          value={form.location.longitude}
          onValue={(longitude) => setLocation({ longitude })}
          error={error("location.longitude")}
        />
      </div>
      <div className="field-grid">
        <TextField
          path="occurred.from"
          label="Occurred on or from"
          type="date"
          value={form.occurred.from}
          onValue={(from) => setOccurred({ from })}
          error={error("occurred.from") ?? error("occurred")}
        />
        <TextField
          path="occurred.to"
          label="Occurred until"
          hint="Leave empty for one day."
          type="date"
          value={form.occurred.to}
          onValue={(to) => setOccurred({ to })}
          error={error("occurred.to")}
        />
        <SelectField
          path="occurred.precision"
          label="Date precision"
          hint="How exactly the date is known."
          value={form.occurred.precision}
          options={options(DATE_PRECISIONS, DATE_PRECISION_LABELS)}
          onValue={(v) => setOccurred({ precision: v as IncidentForm["occurred"]["precision"] })}
          error={error("occurred.precision")}
        />
        <TextField
          path="reported_date"
          label="Reported on"
          type="date"
          value={form.reported_date}
          onValue={(reported_date) => setForm((f) => ({ ...f, reported_date }))}
          error={error("reported_date")}
        />
      </div>
    </Section>
  );
}

export function VictimsSection({ form, setForm, error }: SectionProps) {
  const set = (changes: Partial<IncidentForm["victims"]>) => setForm((f) => ({ ...f, victims: { ...f.victims, ...changes } }));
  const field = (key: keyof IncidentForm["victims"], label: string) => (
    <TextField
      path={`victims.${key}`}
      label={label}
      inputMode="numeric"
      value={form.victims[key]}
      onValue={(v) => set({ [key]: v })}
      error={error(`victims.${key}`)}
    />
  );
  return (
    <Section title="Victims">
      <p className="field-hint" id="field-victims">
        Leave a count empty when it is not known.{error("victims") ? <span className="field-error"> {error("victims")}</span> : null}
      </p>
      <div className="field-grid field-grid-5">
        {field("count", "Victims")}
        {field("minors", "Of whom minors")}
        {field("female", "Female")}
        {field("male", "Male")}
        {field("sex_unknown", "Sex unknown")}
      </div>
    </Section>
  );
}

export function PerpetratorsSection({ form, setForm, error }: SectionProps) {
  const reference = useReference();
  const setGroup = (index: number, changes: Partial<IncidentForm["perpetrators"]["groups"][number]>) =>
    setForm((f) => ({ ...f, perpetrators: { ...f.perpetrators, groups: f.perpetrators.groups.map((g, i) => (i === index ? { ...g, ...changes } : g)) } }));
  return (
    <Section title="Perpetrators">
      <p className="field-hint">
        Migration status only as a source reports it — never inferred from names or appearance. Unknown is the default and is always counted.
      </p>
      <TextField
        path="perpetrators.count"
        label="Number of perpetrators"
        inputMode="numeric"
        className="narrow"
        value={form.perpetrators.count}
        onValue={(count) => setForm((f) => ({ ...f, perpetrators: { ...f.perpetrators, count } }))}
        error={error("perpetrators.count")}
      />
      {error("perpetrators.groups") ? (
        <p className="field-error" id="field-perpetrators-groups">
          {error("perpetrators.groups")}
        </p>
      ) : null}
      {form.perpetrators.groups.map((group, i) => (
        <fieldset key={group.key} className="repeat-group">
          <legend>Group {i + 1}</legend>
          <div className="field-grid">
            <TextField
              path={`perpetrators.groups.${i}.count`}
              label="How many"
              inputMode="numeric"
              value={group.count}
              onValue={(count) => setGroup(i, { count })}
              error={error(`perpetrators.groups.${i}.count`)}
            />
            <SelectField
              path={`perpetrators.groups.${i}.migration_status`}
              label="Migration status as reported"
              value={group.migration_status}
              options={options(MIGRATION_STATUSES, MIGRATION_STATUS_LABELS)}
              onValue={(v) => setGroup(i, { migration_status: v as typeof group.migration_status })}
              error={error(`perpetrators.groups.${i}.migration_status`)}
            />
            <SelectField
              path={`perpetrators.groups.${i}.basis`}
              label="Reported by"
              value={group.basis}
              empty="Not stated"
              options={options(MIGRATION_STATUS_BASES, BASIS_LABELS)}
              onValue={(basis) => setGroup(i, { basis })}
              error={error(`perpetrators.groups.${i}.basis`)}
            />
            <SelectField
              path={`perpetrators.groups.${i}.nationality`}
              label="Nationality, if reported"
              value={group.nationality}
              empty="Not reported"
              options={reference.countries.map((c) => ({ value: c.code, label: c.name }))}
              onValue={(nationality) => setGroup(i, { nationality })}
              error={error(`perpetrators.groups.${i}.nationality`)}
            />
          </div>
          <button
            type="button"
            className="button button-quiet"
            onClick={() => setForm((f) => ({ ...f, perpetrators: { ...f.perpetrators, groups: f.perpetrators.groups.filter((_, j) => j !== i) } }))}
          >
            Remove group {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="button"
        onClick={() => setForm((f) => ({ ...f, perpetrators: { ...f.perpetrators, groups: [...f.perpetrators.groups, emptyGroup()] } }))}
      >
        Add a perpetrator group
      </button>
    </Section>
  );
}

export function LegalSection({ form, setForm, error }: SectionProps) {
  const set = (changes: Partial<IncidentForm["sentence"]>) => setForm((f) => ({ ...f, sentence: { ...f.sentence, ...changes } }));
  const s = form.sentence;
  return (
    <Section title="Legal status and verification">
      <div className="field-grid">
        <SelectField
          path="legal_status"
          label="Legal status"
          value={form.legal_status}
          options={options(LEGAL_STATUSES, LEGAL_STATUS_LABELS)}
          onValue={(v) => setForm((f) => ({ ...f, legal_status: v as IncidentForm["legal_status"] }))}
          error={error("legal_status")}
        />
        <SelectField
          path="verification_status"
          label="Verification"
          value={form.verification_status}
          options={options(VERIFICATION_STATUSES, VERIFICATION_LABELS)}
          onValue={(v) => setForm((f) => ({ ...f, verification_status: v as IncidentForm["verification_status"] }))}
          error={error("verification_status")}
        />
        <SelectField
          path="handling_marking"
          label="Handling marking"
          hint="SBU unless the information is public."
          value={form.handling_marking}
          options={HANDLING_MARKINGS.map((m) => ({ value: m, label: m }))}
          onValue={(v) => setForm((f) => ({ ...f, handling_marking: v as IncidentForm["handling_marking"] }))}
          error={error("handling_marking")}
        />
      </div>
      {form.legal_status === "convicted" ? (
        <fieldset className="repeat-group" id="field-sentence">
          <legend>Sentence, when known</legend>
          {error("sentence") ? <p className="field-error">{error("sentence")}</p> : null}
          <div className="field-grid">
            <TextField
              path="sentence.custodial_months"
              label="Custodial months"
              inputMode="decimal"
              value={s.custodial_months}
              onValue={(custodial_months) => set({ custodial_months })}
              error={error("sentence.custodial_months")}
            />
            <SelectField
              path="sentence.suspended"
              label="Suspended"
              value={s.suspended}
              empty="Not known"
              options={[
                { value: "yes", label: "Yes" },
                { value: "no", label: "No" },
              ]}
              onValue={(v) => set({ suspended: v as IncidentForm["sentence"]["suspended"] })}
              error={error("sentence.suspended")}
            />
            <TextField
              path="sentence.fine.amount"
              label="Fine"
              inputMode="decimal"
              value={s.fine_amount}
              onValue={(fine_amount) => set({ fine_amount })}
              error={error("sentence.fine.amount") ?? error("sentence.fine")}
            />
            <TextField
              path="sentence.fine.currency"
              label="Currency"
              hint="ISO code, e.g. EUR"
              value={s.fine_currency}
              onValue={(fine_currency) => set({ fine_currency })}
              error={error("sentence.fine.currency")}
              maxLength={3}
            />
            <TextField path="sentence.court" label="Court" value={s.court} onValue={(court) => set({ court })} error={error("sentence.court")} />
            <TextField
              path="sentence.date"
              label="Date of sentence"
              type="date"
              value={s.date}
              onValue={(date) => set({ date })}
              error={error("sentence.date")}
            />
          </div>
          <TextField path="sentence.other" label="Other penalties" value={s.other} onValue={(other) => set({ other })} error={error("sentence.other")} />
        </fieldset>
      ) : error("sentence") ? (
        <p className="field-error">{error("sentence")}</p>
      ) : null}
    </Section>
  );
}
