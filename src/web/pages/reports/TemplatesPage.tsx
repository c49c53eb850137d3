// Report templates (editors, administrators): the templates in use — the cable's, the brief's and
// the annual country report's per year — and a form to configure the country report for a year:
// its sections in order, each with its heading. Saving makes a new revision for that year; reports
// of that year made from then on use it, frozen versions keep the one they were made with.
import { useRef, useState, type FormEvent } from "react";
import { api, ApiError } from "../../api/client.js";
import type { ReportTemplate, ReportTemplateList } from "../../api/types.js";
import { ErrorSummary, fieldId, SelectField, TextField, type FormIssue } from "../../components/form.js";
import { Notice } from "../../components/Notice.js";
import { Page, Section } from "../../components/Page.js";
import { Link } from "../../lib/router.js";
import { useApi } from "../../lib/use-api.js";
import { KIND_LABELS } from "./report-labels.js";

type SectionKind = ReportTemplate["sections"][number]["section"];
interface Row {
  key: number;
  section: SectionKind;
  heading: string;
}

/** What each kind of section is called in the editor (the API's description goes below it). */
const SECTION_LABELS: Record<string, string> = {
  figures: "Figures: counts and rates by category",
  status: "Perpetrators' migration status",
  trends: "Change on the previous period",
  comparison: "Countries compared",
  notable: "Notable incidents",
  context: "Official statistics for context",
  limitations: "Data limitations",
  method: "Method",
};

/** A country report is about one country: it has no comparison section (the API says the same). */
const COUNTRY_SECTIONS = (kinds: ReportTemplateList["section_kinds"]) => kinds.filter((k) => k.section !== "comparison");

/** The template a country report of `year` uses now: the one configured for it, else the latest built-in up to it. */
function templateFor(year: number, items: ReportTemplate[]): ReportTemplate | undefined {
  const country = items.filter((t) => t.kind === "country");
  const configured = country.find((t) => t.configured && t.year === year);
  if (configured) return configured;
  const builtin = country.filter((t) => !t.configured).sort((a, b) => (a.year ?? 0) - (b.year ?? 0));
  return builtin.filter((t) => (t.year ?? 0) <= year).at(-1) ?? builtin[0];
}

export function TemplatesPage() {
  const list = useApi(() => api("GET /reports/templates"), []);
  const [saved, setSaved] = useState<ReportTemplate | null>(null);
  return (
    <Page title="Report templates" kicker={<Link to="/reports">Reports</Link>}>
      {list.error ? (
        <Notice tone="error" title="The templates could not be loaded">
          <p>{list.error.message}</p>
        </Notice>
      ) : null}
      {!list.data && list.loading ? <p role="status">Loading the templates…</p> : null}
      {list.data ? (
        <>
          <TemplateTable list={list.data} />
          <CountryTemplateForm
            list={list.data}
            saved={saved}
            onSaved={(template) => {
              setSaved(template);
              list.reload();
            }}
          />
        </>
      ) : null}
    </Page>
  );
}

function TemplateTable({ list }: { list: ReportTemplateList }) {
  const describe = new Map(list.section_kinds.map((k) => [k.section, k.description]));
  const sorted = [...list.items].sort((a, b) => (a.kind === b.kind ? (a.year ?? 0) - (b.year ?? 0) : a.kind.localeCompare(b.kind)));
  return (
    <Section title="Templates in use">
      <p className="muted small">
        A country report of a year uses the template configured for that year, or else the latest built-in one up to that year. Frozen versions keep the
        template and revision they were made with.
      </p>
      <div className="table-scroll">
        <table className="table table-compact">
          <caption className="visually-hidden">Report templates</caption>
          <thead>
            <tr>
              <th scope="col">Template</th>
              <th scope="col">Kind</th>
              <th scope="col">Year</th>
              <th scope="col">Revision</th>
              <th scope="col">Sections, in order</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((t) => (
              <tr key={`${t.id}-${t.version}`}>
                <th scope="row">
                  <code>{t.id}</code>
                </th>
                <td>{KIND_LABELS[t.kind]}</td>
                <td>{t.year ?? "any"}</td>
                <td>{t.configured ? t.version : "built-in"}</td>
                <td>
                  <ol className="template-sections">
                    {t.sections.map((s) => (
                      <li key={s.section}>
                        {s.heading}{" "}
                        <span className="muted small" title={describe.get(s.section)}>
                          ({s.section})
                        </span>
                      </li>
                    ))}
                  </ol>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

const FIELD_LABELS: Record<string, string> = { year: "Report year", sections: "Sections" };

function CountryTemplateForm({ list, saved, onSaved }: { list: ReportTemplateList; saved: ReportTemplate | null; onSaved(template: ReportTemplate): void }) {
  const kinds = COUNTRY_SECTIONS(list.section_kinds);
  const nextKey = useRef(0);
  const rowsOf = (template: ReportTemplate | undefined): Row[] =>
    (template?.sections ?? []).map((s) => ({ key: nextKey.current++, section: s.section, heading: s.heading }));
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [loadedFrom, setLoadedFrom] = useState<ReportTemplate | undefined>(() => templateFor(thisYear, list.items));
  const [rows, setRows] = useState<Row[]>(() => rowsOf(loadedFrom));
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [saving, setSaving] = useState(false);
  const addButton = useRef<HTMLButtonElement>(null);
  const yearNumber = /^\d{4}$/.test(year.trim()) ? Number(year.trim()) : null;
  const error = (path: string) => issues.find((i) => i.path === path)?.message;

  const load = () => {
    if (yearNumber === null) {
      setIssues([{ path: "year", message: "must be a year such as 2027", label: FIELD_LABELS["year"] }]);
      return;
    }
    const template = templateFor(yearNumber, list.items);
    setLoadedFrom(template);
    setRows(rowsOf(template));
    setIssues([]);
  };
  const update = (key: number, change: Partial<Row>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const move = (index: number, by: -1 | 1) =>
    setRows((all) => {
      const next = [...all];
      const [row] = next.splice(index, 1);
      next.splice(index + by, 0, row!);
      return next;
    });
  const remove = (key: number) => {
    setRows((all) => all.filter((r) => r.key !== key));
    addButton.current?.focus();
  };
  const unused = kinds.filter((k) => !rows.some((r) => r.section === k.section));
  const add = () => {
    const kind = unused[0];
    if (!kind) return;
    setRows((all) => [...all, { key: nextKey.current++, section: kind.section, heading: "" }]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (yearNumber === null) {
      setIssues([{ path: "year", message: "must be a year such as 2027", label: FIELD_LABELS["year"] }]);
      return;
    }
    setSaving(true);
    try {
      const template = await api("POST /reports/templates", {
        body: { kind: "country", year: yearNumber, sections: rows.map((r) => ({ section: r.section, heading: r.heading.trim() })) },
      });
      setIssues([]);
      setLoadedFrom(template);
      onSaved(template);
    } catch (caught) {
      if (caught instanceof ApiError && caught.issues.length > 0) {
        setIssues(
          caught.issues.map((i) => {
            const path = i.path.replace(/^body\.?/, "") || "sections";
            const label = /^sections\.\d+/.test(path) ? `Section ${Number(path.split(".")[1]) + 1}` : (FIELD_LABELS[path] ?? "Template");
            return { path: path in FIELD_LABELS || /^sections\.\d+\.(section|heading)$/.test(path) ? path : "sections", message: i.message, label };
          }),
        );
      } else {
        setIssues([{ path: "sections", message: caught instanceof Error ? caught.message : String(caught), label: "Template" }]);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Section title="Configure the country report for a year">
      <p className="muted small">
        The annual report's structure changes from year to year. Choose the year, load the template it uses now, then order the sections and write their
        headings. A report must keep its limitations section; each kind of section appears once.
      </p>
      {saved ? (
        <Notice tone="success">
          <p>
            Saved: the {saved.year} country report now uses <code>{saved.id}</code> revision {saved.version}.
          </p>
        </Notice>
      ) : null}
      <ErrorSummary issues={issues} title="The template was not saved" />
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Configure the country report template">
        <div className="template-year">
          <TextField
            path="year"
            label="Report year"
            value={year}
            onValue={setYear}
            error={error("year")}
            inputMode="numeric"
            maxLength={4}
            className="narrow"
            autoComplete="off"
          />
          <button type="button" className="button" onClick={load}>
            Load the template for this year
          </button>
        </div>
        {loadedFrom ? (
          <p className="muted small">
            Editing from <code>{loadedFrom.id}</code> ({loadedFrom.configured ? `revision ${loadedFrom.version}` : "built-in"}).
          </p>
        ) : null}
        <fieldset className={`field template-rows${error("sections") ? " field-invalid" : ""}`} id={fieldId("sections")}>
          <legend>Sections, in order</legend>
          {error("sections") ? (
            <p className="field-error">
              <span className="visually-hidden">Error: </span>
              {error("sections")}
            </p>
          ) : null}
          <ol className="template-row-list">
            {rows.map((row, i) => (
              <li key={row.key} className="template-row">
                <span className="template-row-number" aria-hidden="true">
                  {i + 1}
                </span>
                <div>
                  <SelectField
                    path={`sections.${i}.section`}
                    label={`Section ${i + 1}: content`}
                    value={row.section}
                    options={kinds
                      .filter((k) => k.section === row.section || !rows.some((r) => r.section === k.section))
                      .map((k) => ({ value: k.section, label: SECTION_LABELS[k.section] ?? k.section }))}
                    onValue={(value) => update(row.key, { section: value as SectionKind })}
                    error={error(`sections.${i}.section`)}
                    aria-describedby={[error(`sections.${i}.section`) ? `${fieldId(`sections.${i}.section`)}-error` : null, `section-${row.key}-about`]
                      .filter(Boolean)
                      .join(" ")}
                  />
                  <p className="field-hint" id={`section-${row.key}-about`}>
                    {kinds.find((k) => k.section === row.section)?.description}
                  </p>
                </div>
                <TextField
                  path={`sections.${i}.heading`}
                  label={`Section ${i + 1}: heading`}
                  value={row.heading}
                  onValue={(heading) => update(row.key, { heading })}
                  error={error(`sections.${i}.heading`)}
                  maxLength={200}
                />
                <div className="template-row-actions">
                  {/* aria-disabled, not disabled: the button keeps focus when its row reaches the end. */}
                  <button type="button" className="button button-small" onClick={() => i > 0 && move(i, -1)} aria-disabled={i === 0}>
                    Move up<span className="visually-hidden"> section {i + 1}</span>
                  </button>
                  <button type="button" className="button button-small" onClick={() => i < rows.length - 1 && move(i, 1)} aria-disabled={i === rows.length - 1}>
                    Move down<span className="visually-hidden"> section {i + 1}</span>
                  </button>
                  <button type="button" className="button button-small button-quiet" onClick={() => remove(row.key)}>
                    Remove<span className="visually-hidden"> section {i + 1}</span>
                  </button>
                </div>
              </li>
            ))}
          </ol>
          <button type="button" className="button" ref={addButton} onClick={add} disabled={unused.length === 0}>
            Add a section
          </button>
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? "Saving…" : `Save the ${yearNumber ?? ""} template`.replace("  ", " ")}
          </button>
        </div>
      </form>
    </Section>
  );
}
