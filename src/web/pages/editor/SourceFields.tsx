// Sources in the editor: each new source with its kind, publisher, title, link, language, date and
// its two Admiralty grades; a stored record's sources listed as they are (sources are corrected
// on their own, and cited, never deleted).
import type { Dispatch, SetStateAction } from "react";
import type { Source } from "../../api/types.js";
import { GradeBadge } from "../../components/Badges.js";
import { SelectField, TextField } from "../../components/form.js";
import { Section } from "../../components/Page.js";
import { CREDIBILITY_LABELS, RELIABILITY_LABELS, SOURCE_KIND_LABELS } from "../../lib/labels.js";
import { SOURCE_KINDS, SOURCE_RELIABILITY } from "../../../domain/vocabulary.js";
import { emptySource, type IncidentForm, type SourceForm } from "./form-model.js";

interface SourceFieldsProps {
  form: IncidentForm;
  setForm: Dispatch<SetStateAction<IncidentForm>>;
  error(path: string): string | undefined;
  existing: Source[];
}

export function SourceFields({ form, setForm, error, existing }: SourceFieldsProps) {
  const setSource = (index: number, changes: Partial<SourceForm>) =>
    setForm((f) => ({ ...f, sources: f.sources.map((s, i) => (i === index ? { ...s, ...changes } : s)) }));
  return (
    <Section title="Sources">
      <p className="field-hint">Grade each source on both Admiralty axes: how reliable the source is (A–F) and how credible this information is (1–6).</p>
      {existing.length > 0 ? (
        <ul className="existing-sources">
          {existing.map((s) => (
            <li key={s.id}>
              <GradeBadge reliability={s.reliability} credibility={s.credibility} /> {s.title} <span className="muted">— {s.publisher}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {form.sources.map((source, i) => {
        const at = (field: string) => `sources.${i}.${field}`;
        return (
          <fieldset key={source.key} className="repeat-group" id={`field-sources-${i}`}>
            <legend>{existing.length > 0 ? `New source ${i + 1}` : `Source ${i + 1}`}</legend>
            {error(`sources.${i}`) ? <p className="field-error">{error(`sources.${i}`)}</p> : null}
            <div className="field-grid">
              <SelectField
                path={at("kind")}
                label="Kind"
                value={source.kind}
                options={SOURCE_KINDS.map((k) => ({ value: k, label: SOURCE_KIND_LABELS[k] }))}
                onValue={(v) => setSource(i, { kind: v as SourceForm["kind"] })}
                error={error(at("kind"))}
              />
              <TextField
                path={at("publisher")}
                label="Publisher"
                value={source.publisher}
                onValue={(publisher) => setSource(i, { publisher })}
                error={error(at("publisher"))}
              />
              <TextField
                path={at("title")}
                label="Title"
                className="span-2"
                value={source.title}
                onValue={(title) => setSource(i, { title })}
                error={error(at("title"))}
              />
              <TextField
                path={at("url")}
                label="Link"
                type="url"
                hint="http or https"
                className="span-2"
                value={source.url}
                onValue={(url) => setSource(i, { url })}
                error={error(at("url"))}
              />
              <TextField
                path={at("language")}
                label="Language"
                hint="e.g. de, fr, pt-BR"
                value={source.language}
                onValue={(language) => setSource(i, { language })}
                error={error(at("language"))}
              />
              <TextField
                path={at("published_date")}
                label="Published on"
                type="date"
                value={source.published_date}
                onValue={(published_date) => setSource(i, { published_date })}
                error={error(at("published_date"))}
              />
              <SelectField
                path={at("reliability")}
                label="Source reliability"
                value={source.reliability}
                options={SOURCE_RELIABILITY.map((r) => ({ value: r, label: RELIABILITY_LABELS[r] }))}
                onValue={(v) => setSource(i, { reliability: v as SourceForm["reliability"] })}
                error={error(at("reliability"))}
              />
              <SelectField
                path={at("credibility")}
                label="Information credibility"
                value={source.credibility}
                options={([1, 2, 3, 4, 5, 6] as const).map((c) => ({ value: String(c), label: CREDIBILITY_LABELS[c] }))}
                onValue={(credibility) => setSource(i, { credibility })}
                error={error(at("credibility"))}
              />
            </div>
            <button type="button" className="button button-quiet" onClick={() => setForm((f) => ({ ...f, sources: f.sources.filter((_, j) => j !== i) }))}>
              Remove {existing.length > 0 ? "new " : ""}source {i + 1}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="button" onClick={() => setForm((f) => ({ ...f, sources: [...f.sources, emptySource()] }))}>
        Add a source
      </button>
    </Section>
  );
}
