// The countries a report covers. Post staff: their post's host country, fixed. The bureau: one
// country from a list (host countries of posts first), or, for a comparative brief, a list of
// countries built one at a time — choose, "Add", and each chosen country has its own "Remove".
import { useState } from "react";
import { fieldId } from "../../components/form.js";
import { useReference } from "../../lib/reference.js";
import type { ReportKind } from "./report-labels.js";

interface Props {
  kind: ReportKind;
  /** Post staff: their post's host country (null if the post has none); undefined for the bureau. */
  fixed?: string | null | undefined;
  countries: string[];
  onCountries(countries: string[]): void;
  error?: string | undefined;
}

export function CountryChoice({ kind, fixed, countries, onCountries, error }: Props) {
  const reference = useReference();
  const [adding, setAdding] = useState("");
  const id = fieldId("countries");
  const errorBlock = error ? (
    <p className="field-error" id={`${id}-error`}>
      <span className="visually-hidden">Error: </span>
      {error}
    </p>
  ) : null;
  const label = (code: string) => `${reference.countryName(code)} (${code})`;

  if (fixed !== undefined) {
    return (
      <div className={`field${error ? " field-invalid" : ""}`} id={id} tabIndex={-1}>
        <p className="field-label">Country</p>
        {errorBlock}
        <p className="report-fixed-country">
          {fixed ? label(fixed) : "—"} <span className="muted small">your post's host country</span>
        </p>
      </div>
    );
  }

  const byName = (a: string, b: string) => reference.countryName(a).localeCompare(reference.countryName(b));
  const hosts = [...new Set(reference.posts.flatMap((p) => (p.country_code ? [p.country_code] : [])))].sort(byName);
  const others = reference.countries
    .map((c) => c.code)
    .filter((c) => !hosts.includes(c))
    .sort(byName);
  const options = (codes: string[]) =>
    codes.map((code) => (
      <option key={code} value={code}>
        {label(code)}
      </option>
    ));
  const groups = (exclude: string[]) => (
    <>
      <optgroup label="Host countries of posts">{options(hosts.filter((c) => !exclude.includes(c)))}</optgroup>
      <optgroup label="Other countries">{options(others.filter((c) => !exclude.includes(c)))}</optgroup>
    </>
  );

  if (kind !== "brief") {
    return (
      <div className={`field${error ? " field-invalid" : ""}`}>
        <label htmlFor={id}>Country</label>
        {errorBlock}
        <select
          id={id}
          value={countries[0] ?? ""}
          onChange={(e) => onCountries(e.target.value ? [e.target.value] : [])}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        >
          <option value="">Choose a country</option>
          {groups([])}
        </select>
      </div>
    );
  }

  const add = () => {
    if (!adding || countries.includes(adding)) return;
    onCountries([...countries, adding]);
    setAdding("");
  };
  return (
    <fieldset
      className={`field report-countries${error ? " field-invalid" : ""}`}
      id={id}
      aria-describedby={[`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ")}
    >
      <legend>Countries</legend>
      <p className="field-hint" id={`${id}-hint`}>
        A brief compares two or more countries.
      </p>
      {errorBlock}
      {countries.length > 0 ? (
        <ul className="report-country-list" aria-label="Countries compared">
          {countries.map((code) => (
            <li key={code}>
              <span>{label(code)}</span>
              <button type="button" className="button button-quiet button-small" onClick={() => onCountries(countries.filter((c) => c !== code))}>
                Remove<span className="visually-hidden"> {reference.countryName(code)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No country chosen yet.</p>
      )}
      <div className="report-country-add">
        <label htmlFor={`${id}-add`} className="visually-hidden">
          Country to add
        </label>
        <select
          id={`${id}-add`}
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
        >
          <option value="">Choose a country to add</option>
          {groups(countries)}
        </select>
        <button type="button" className="button" onClick={add} disabled={!adding}>
          Add
        </button>
      </div>
    </fieldset>
  );
}
