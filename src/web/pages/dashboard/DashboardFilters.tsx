// The dashboard's filters: period, categories, countries, perpetrators' migration status as reported
// (the status breakdown below always shows `unknown`, whatever is chosen here), which records count,
// and synthetic data. Multi-choice filters open as disclosure panels to keep the bar compact.
import type { ReactNode } from "react";
import { CheckboxGroup, SelectField, TextField, type Option } from "../../components/form.js";
import { MIGRATION_STATUS_LABELS } from "../../lib/labels.js";
import { useReference } from "../../lib/reference.js";
import { MIGRATION_STATUSES } from "../../../domain/vocabulary.js";
import type { DashboardFilters } from "./dashboard-query.js";

function Choices({
  label,
  path,
  options,
  values,
  onValues,
}: {
  label: string;
  path: string;
  options: Option[];
  values: string[];
  onValues(values: string[]): void;
}) {
  return (
    <details className="filter-menu">
      <summary>
        {label}: {values.length === 0 ? "all" : values.length <= 2 ? values.join(", ") : `${values.length} chosen`}
      </summary>
      <div className="filter-menu-panel">
        <CheckboxGroup path={path} legend={label} options={options} values={values} onValues={onValues} columns={options.length > 12 ? 2 : 1} />
        {values.length > 0 ? (
          <button type="button" className="button button-quiet button-small" onClick={() => onValues([])}>
            Clear {label.toLowerCase()}
          </button>
        ) : null}
      </div>
    </details>
  );
}

export function DashboardFilterBar({
  filters,
  onChange,
  children,
}: {
  filters: DashboardFilters;
  onChange(changes: Partial<DashboardFilters>): void;
  children?: ReactNode;
}) {
  const reference = useReference();
  const hostCountries = reference.posts
    .filter((p) => p.country_code)
    .map((p) => ({ value: p.country_code!, label: reference.countryName(p.country_code!) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return (
    <form className="filter-bar" aria-label="Dashboard filters" onSubmit={(e) => e.preventDefault()}>
      <TextField
        path="dash-from"
        label="Occurred from"
        type="date"
        value={filters.occurred_from ?? ""}
        onValue={(v) => onChange({ occurred_from: v || undefined })}
      />
      <TextField path="dash-to" label="Occurred to" type="date" value={filters.occurred_to ?? ""} onValue={(v) => onChange({ occurred_to: v || undefined })} />
      <Choices
        label="Categories"
        path="dash-category"
        options={reference.topCategories.map((c) => ({ value: c.code, label: `${c.code} · ${c.label}` }))}
        values={filters.category}
        onValues={(category) => onChange({ category })}
      />
      <Choices label="Countries" path="dash-country" options={hostCountries} values={filters.country} onValues={(country) => onChange({ country })} />
      <Choices
        label="Migration status"
        path="dash-status"
        options={MIGRATION_STATUSES.map((s) => ({ value: s, label: MIGRATION_STATUS_LABELS[s] }))}
        values={filters.migration_status}
        onValues={(migration_status) => onChange({ migration_status })}
      />
      <SelectField
        path="dash-basis"
        label="Records counted"
        value={filters.basis}
        options={[
          { value: "accepted", label: "Accepted and published" },
          { value: "visible", label: "All I can see (incl. drafts)" },
        ]}
        onValue={(v) => onChange({ basis: v as DashboardFilters["basis"] })}
      />
      <SelectField
        path="dash-synthetic"
        label="Synthetic"
        value={filters.synthetic === undefined ? "" : String(filters.synthetic)}
        empty="Real and synthetic"
        options={[
          { value: "false", label: "Real only" },
          { value: "true", label: "Synthetic only" },
        ]}
        onValue={(v) => onChange({ synthetic: v === "" ? undefined : v === "true" })}
      />
      {children}
    </form>
  );
}
