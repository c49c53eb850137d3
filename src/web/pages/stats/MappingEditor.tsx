// The mapping editor of "Other table": the server reads the chosen file's first rows as the import
// will (POST /stats/preview: CSV in any encoding, gzip, zip or XLSX) and the page shows them; the
// user says what each column is (the country, the period, a value, a dimension, the labels of a
// dimension, or nothing to import), what every row shares (the country of a national table),
// how numbers are written and which cells mean "no value". The mapping this makes is the CLI's
// --mapping document (mapping-editor.ts); it can be downloaded, and a saved one loaded again.
import { useEffect, useState } from "react";
import { api, ApiError, RawBody } from "../../api/client.js";
import { Notice } from "../../components/Notice.js";
import { SelectField, TextField } from "../../components/form.js";
import { downloadText } from "../../lib/csv.js";
import type { ApiRoutes } from "../../api/routes.js";
import {
  buildMapping,
  choicesFromMapping,
  codeFromFileName,
  dimensionName,
  guessColumn,
  missingChoices,
  type ColumnChoice,
  type ColumnRole,
  type EditorChoices,
  type GeoCodes,
  type PeriodKind,
} from "./mapping-editor.js";

type Preview = ApiRoutes["POST /stats/preview"]["response"];

const ROLES: { value: ColumnRole; label: string }[] = [
  { value: "ignore", label: "Do not import" },
  { value: "geo", label: "Country" },
  { value: "geo_label", label: "Country name (beside its code)" },
  { value: "period", label: "Period" },
  { value: "value", label: "A value (its own series)" },
  { value: "dimension", label: "A dimension" },
  { value: "label", label: "Names of a dimension's codes" },
];
const GEO_CODES: { value: GeoCodes; label: string }[] = [
  { value: "iso2", label: "Two-letter country codes (IE, DE)" },
  { value: "iso3", label: "Three-letter country codes (IRL, DEU)" },
  { value: "eurostat", label: "Eurostat's codes (EL for Greece, UK)" },
  { value: "eurostat-label", label: "Eurostat's English names (Ireland)" },
];
const PERIODS: { value: PeriodKind; label: string }[] = [
  { value: "as-is", label: "As written (2023, 2023-Q1, 2023-01)" },
  { value: "year", label: "The year of a date" },
  { value: "quarter", label: "The quarter of a date" },
  { value: "month", label: "The month of a date" },
];
const THOUSANDS: { value: EditorChoices["thousands"]; label: string }[] = [
  { value: "", label: "None" },
  { value: ",", label: "Comma (1,234)" },
  { value: ".", label: "Full stop (1.234)" },
  { value: " ", label: "Space (1 234)" },
  { value: "'", label: "Apostrophe (1'234)" },
];
const DECIMALS: { value: EditorChoices["decimal"]; label: string }[] = [
  { value: ".", label: "Full stop (1.5)" },
  { value: ",", label: "Comma (1,5)" },
];
const DELIMITERS: { value: string; label: string }[] = [
  { value: ",", label: "Comma" },
  { value: ";", label: "Semicolon" },
  { value: "\t", label: "Tab" },
  { value: "|", label: "Vertical bar" },
];

function initialChoices(file: File): EditorChoices {
  return {
    publisher: "",
    code: codeFromFileName(file.name),
    title: "",
    licence: "",
    url: "",
    delimiter: null,
    sheet: null,
    headerRow: 1,
    columns: [],
    geoCodes: "iso2",
    constantGeo: "",
    constantPeriod: "",
    periodKind: "as-is",
    decimal: ".",
    thousands: "",
    missing: ":, .., NA, n/a",
    unit: "",
    valueDetails: {},
    kept: {},
  };
}

export function MappingEditor({ file, onMapping }: { file: File; onMapping(mapping: Record<string, unknown> | null): void }) {
  const [choices, setChoices] = useState<EditorChoices>(() => initialChoices(file));
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loaded, setLoaded] = useState<string | null>(null);
  const [pending, setPending] = useState<Record<string, unknown> | null>(null);
  const set = (change: Partial<EditorChoices>) => setChoices((c) => ({ ...c, ...change }));
  const bound = { choices, set };

  // A new file, or a new header row or delimiter: read the first rows again.
  useEffect(() => {
    let current = true;
    setError(null);
    const query = {
      header_row: choices.headerRow,
      ...(choices.delimiter === null ? {} : { delimiter: choices.delimiter as "," | ";" | "\t" | "|" }),
      ...(choices.sheet === null ? {} : { sheet: choices.sheet }),
    };
    api("POST /stats/preview", { query, body: new RawBody(file, "application/octet-stream") })
      .then((read) => {
        if (!current) return;
        setPreview(read);
        setChoices((c) => {
          const next: EditorChoices = {
            ...c,
            delimiter: read.delimiter,
            columns: read.header.map((h, i) => (c.columns.length === read.header.length ? c.columns[i]! : guessColumn(h))),
          };
          return pending ? choicesFromMapping(pending, read.header, next) : next;
        });
        setPending(null);
      })
      .catch((failure: unknown) => current && setError(failure instanceof ApiError ? failure : new ApiError(0, "client", String(failure))));
    return () => {
      current = false;
    };
    // Read again only when what the server reads changes.
  }, [file, choices.headerRow, choices.delimiter, choices.sheet, pending]);

  const header = preview?.header ?? [];
  const problems = preview ? missingChoices(header, choices) : ["The file's first rows are being read."];
  const mapping = preview && problems.length === 0 ? buildMapping(header, choices) : null;
  const mappingText = mapping ? JSON.stringify(mapping) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the mapping's text stands for the mapping
  useEffect(() => onMapping(mapping), [mappingText]);

  const setColumn = (i: number, change: Partial<ColumnChoice>) =>
    setChoices((c) => ({ ...c, columns: c.columns.map((col, j) => (j === i ? { ...col, ...change } : col)) }));
  const dimensionHeaders = header.filter((_, i) => choices.columns[i]?.role === "dimension");
  const hasGeo = choices.columns.some((c) => c.role === "geo");
  const hasPeriod = choices.columns.some((c) => c.role === "period");

  async function loadSaved(saved: File) {
    try {
      const parsed = JSON.parse((await saved.text()).replace(/^\uFEFF/, "")) as Record<string, unknown>;
      setLoaded(saved.name);
      const headerRow = typeof parsed["header_row"] === "number" ? parsed["header_row"] : 1;
      const delimiter = typeof parsed["delimiter"] === "string" ? parsed["delimiter"] : choices.delimiter;
      const sheet = typeof parsed["sheet"] === "string" ? parsed["sheet"] : null;
      if (preview && headerRow === choices.headerRow && delimiter === choices.delimiter && sheet === choices.sheet)
        setChoices((c) => choicesFromMapping(parsed, header, c));
      else {
        setPending(parsed);
        set({ headerRow, delimiter, sheet });
      }
    } catch {
      setError(new ApiError(0, "client", `${saved.name} is not a saved mapping (it is not JSON).`));
    }
  }

  return (
    <fieldset className="mapping-editor">
      <legend>What the columns hold</legend>
      <div className="field">
        <label htmlFor="field-stats-saved-mapping">Use a saved mapping (optional)</label>
        <p className="field-hint" id="field-stats-saved-mapping-hint">
          A mapping downloaded from this page before, or written for the command line.
        </p>
        <input
          id="field-stats-saved-mapping"
          type="file"
          accept=".json,application/json"
          aria-describedby="field-stats-saved-mapping-hint"
          onChange={(e) => {
            const saved = e.target.files?.[0];
            if (saved) void loadSaved(saved);
          }}
        />
        {loaded ? <p>Loaded the mapping from {loaded}; check the choices below.</p> : null}
      </div>
      {error ? (
        <Notice tone="error" title="The file's first rows could not be read">
          <p>{error.message}</p>
          {error.issues.length > 0 ? (
            <ul>
              {error.issues.map((issue, i) => (
                <li key={i}>{issue.message}</li>
              ))}
            </ul>
          ) : null}
        </Notice>
      ) : null}
      <div className="form-row">
        <TextField
          path="mapping-header-row"
          label="Header row"
          hint="The line that names the columns; lines above it are skipped."
          type="number"
          min={1}
          max={1000}
          value={String(choices.headerRow)}
          onValue={(v) => set({ headerRow: Math.max(1, Math.min(1000, Number(v) || 1)) })}
        />
        {preview?.kind === "csv" ? (
          <SelectField
            path="mapping-delimiter"
            label="Columns are separated by"
            value={choices.delimiter ?? ","}
            options={DELIMITERS}
            onValue={(v) => set({ delimiter: v })}
          />
        ) : (
          <TextField
            path="mapping-sheet"
            label="Worksheet (optional)"
            hint="The first when left empty."
            value={choices.sheet ?? ""}
            onValue={(v) => set({ sheet: v.trim() === "" ? null : v })}
            maxLength={200}
          />
        )}
      </div>
      {preview ? (
        <div className="table-scroll">
          <table className="table table-compact mapping-preview">
            <caption>The file's first {preview.rows.length} rows, and what each column holds</caption>
            <thead>
              <tr>
                <th scope="col">Line</th>
                {header.map((h, i) => (
                  <th key={i} scope="col">
                    {h === "" ? `Column ${i + 1}` : h}
                  </th>
                ))}
              </tr>
              <tr>
                <th scope="row">Holds</th>
                {header.map((h, i) => {
                  const col = choices.columns[i] ?? guessColumn(h);
                  const name = h === "" ? `column ${i + 1}` : h;
                  return (
                    <td key={i}>
                      <select aria-label={`What ${name} holds`} value={col.role} onChange={(e) => setColumn(i, guessRole(e.target.value as ColumnRole, h))}>
                        {ROLES.map((r) => (
                          <option key={r.value} value={r.value}>
                            {r.label}
                          </option>
                        ))}
                      </select>
                      {col.role === "dimension" ? (
                        <input
                          type="text"
                          aria-label={`Name of the dimension in ${name}`}
                          value={col.dimension}
                          maxLength={60}
                          onChange={(e) => setColumn(i, { dimension: e.target.value.replace(/[^A-Za-z0-9_]/g, "_") })}
                        />
                      ) : null}
                      {col.role === "label" ? (
                        <select aria-label={`Which dimension ${name} names`} value={col.labelOf} onChange={(e) => setColumn(i, { labelOf: e.target.value })}>
                          <option value="">Choose a dimension column</option>
                          {dimensionHeaders.map((d) => (
                            <option key={d} value={d}>
                              {d}
                            </option>
                          ))}
                        </select>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr key={row.line}>
                  <th scope="row">{row.line}</th>
                  {header.map((_, i) => (
                    <td key={i}>{row.cells[i] ?? ""}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="form-row">
        <ChoiceText {...bound} choice="publisher" path="mapping-publisher" label="Publisher" />
        <ChoiceText {...bound} choice="code" path="mapping-code" label="Dataset code" maxLength={100} />
        <ChoiceText {...bound} choice="title" path="mapping-title" label="Dataset title" />
      </div>
      <div className="form-row">
        <ChoiceText {...bound} choice="licence" path="mapping-licence" label="Licence (optional)" />
        <ChoiceText {...bound} choice="url" path="mapping-url" label="Address of the data (optional)" />
        <ChoiceText {...bound} choice="unit" path="mapping-unit" label="Unit (optional)" hint="Persons, cases, euros…" />
      </div>
      <div className="form-row">
        <ChoiceSelect {...bound} choice="geoCodes" path="mapping-geo-codes" label="Countries are written as" options={GEO_CODES} />
        {hasGeo ? null : (
          <ChoiceText
            {...bound}
            choice="constantGeo"
            path="mapping-constant-geo"
            label="Country of every row"
            hint="For a national table without a country column, written as chosen above."
            maxLength={20}
          />
        )}
        {hasPeriod ? (
          <ChoiceSelect {...bound} choice="periodKind" path="mapping-period" label="Periods are" options={PERIODS} />
        ) : (
          <ChoiceText
            {...bound}
            choice="constantPeriod"
            path="mapping-constant-period"
            label="Period of every row"
            hint="For a table of one year (2023) or quarter (2023-Q1)."
            maxLength={20}
          />
        )}
      </div>
      <div className="form-row">
        <ChoiceSelect {...bound} choice="decimal" path="mapping-decimal" label="Decimal separator" options={DECIMALS} />
        <ChoiceSelect {...bound} choice="thousands" path="mapping-thousands" label="Thousands separator" options={THOUSANDS} />
        <ChoiceText
          {...bound}
          choice="missing"
          path="mapping-missing"
          label="Cells that mean no value"
          hint="Separated by commas; an empty cell always means no value. Never stored as zero."
        />
      </div>
      {preview && problems.length > 0 ? (
        <Notice tone="info" title="Before the file can be checked">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      {mapping ? (
        <p>
          <button
            type="button"
            className="button"
            onClick={() => downloadText(`${choices.code || "mapping"}.mapping.json`, `${JSON.stringify(mapping, null, 2)}\n`, "application/json", false)}
          >
            Download this mapping
          </button>{" "}
          Keep it to use it for the next file of this kind, here or with the command line.
        </p>
      ) : null}
    </fieldset>
  );
}

type TextChoice = "publisher" | "code" | "title" | "licence" | "url" | "unit" | "constantGeo" | "constantPeriod" | "missing";
type SelectChoice = "geoCodes" | "periodKind" | "decimal" | "thousands";
interface ChoiceProps<K extends keyof EditorChoices> {
  choices: EditorChoices;
  set(change: Partial<EditorChoices>): void;
  choice: K;
  path: string;
  label: string;
  hint?: string;
}

/** A text field for one of the editor's choices (500 characters at most unless told). */
function ChoiceText({ choices, set, choice, maxLength = 500, ...field }: ChoiceProps<TextChoice> & { maxLength?: number }) {
  return <TextField {...field} value={choices[choice]} onValue={(v) => set({ [choice]: v } as Partial<EditorChoices>)} maxLength={maxLength} />;
}

/** A list to pick one of the editor's choices from. */
function ChoiceSelect<K extends SelectChoice>({
  choices,
  set,
  choice,
  options,
  ...field
}: ChoiceProps<K> & { options: { value: EditorChoices[K]; label: string }[] }) {
  return <SelectField {...field} value={choices[choice]} options={options} onValue={(v) => set({ [choice]: v } as Partial<EditorChoices>)} />;
}

/** A column given a new role: a dimension gets a name from its header. */
function guessRole(role: ColumnRole, header: string): Partial<ColumnChoice> {
  return role === "dimension" ? { role, dimension: dimensionName(header) } : { role };
}
