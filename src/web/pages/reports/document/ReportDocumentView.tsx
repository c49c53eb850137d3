// A report document as a page: the handling marking above and below, the synthetic-data line when
// any counted record is synthetic, the title, the summary, each section's paragraphs, lists,
// tables, charts and map, then the notes every figure refers to, the numbered sources and the
// credits. It shows what the Markdown, PDF and DOCX say, from the same document.
//
// Footnote references are superscript links to the notes, citations [n] links to the sources; the
// ids carry `idPrefix`, so two documents on one page never share an anchor.
import type { ReactNode } from "react";
import type { ReportBlock, ReportDocument, ReportInline } from "../../../api/types.js";
import { MarkingBanner } from "../../../components/Badges.js";
import { SyntheticWatermark } from "../../../components/Notice.js";
import { monthLabel, timestampLabel } from "../../../lib/labels.js";
import { useReference } from "../../../lib/reference.js";
import { KIND_LABELS } from "../report-labels.js";
import { ReportChart } from "./ReportChart.js";
import { ReportMap } from "./ReportMap.js";

type Level = 2 | 3 | 4;

function Heading({ level, id, children, className }: { level: Level | 5; id?: string; children: ReactNode; className?: string }) {
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} className={className}>
      {children}
    </Tag>
  );
}

interface Anchors {
  note(n: number): string;
  source(n: number): string;
}

function NoteRef({ n, anchors }: { n: number; anchors: Anchors }) {
  return (
    <sup className="report-note-ref">
      <a href={`#${anchors.note(n)}`}>
        <span className="visually-hidden">note </span>
        {n}
      </a>
    </sup>
  );
}

function Inlines({ content, anchors }: { content: ReportInline[]; anchors: Anchors }) {
  return (
    <>
      {content.map((part, i) => {
        if (part.type === "text") return part.strong ? <strong key={i}>{part.text}</strong> : <span key={i}>{part.text}</span>;
        if (part.type === "footnote") return <NoteRef key={i} n={part.n} anchors={anchors} />;
        return (
          <a key={i} href={`#${anchors.source(part.n)}`} className="report-cite">
            <span className="visually-hidden">source </span>[{part.n}]
          </a>
        );
      })}
    </>
  );
}

interface Props {
  document: ReportDocument;
  /** Makes the document's anchors unique on the page. */
  idPrefix: string;
  /** The level of the document's title; sections are one below. */
  headingLevel?: 2 | 3;
}

export function ReportDocumentView({ document: doc, idPrefix, headingLevel = 2 }: Props) {
  const reference = useReference();
  const prefix = idPrefix.replace(/[^A-Za-z0-9_-]/g, "");
  const anchors: Anchors = { note: (n) => `${prefix}-note-${n}`, source: (n) => `${prefix}-source-${n}` };
  const titleId = `${prefix}-title`;
  const sectionLevel = (headingLevel + 1) as Level;
  const numericOf = (code: string) => reference.countryByCode.get(code)?.numeric_code;
  /** A chart's x: a category code ("SV"), a country ("DE") or a period ("2025-03"). */
  const xLabel = (x: string) => {
    if (/^\d{4}-\d{2}$/.test(x)) return monthLabel(x);
    if (reference.countryByCode.has(x)) return reference.countryName(x);
    const label = reference.categoryLabel(x);
    return label === x ? x : `${x} ${label}`;
  };
  const note = (n: number | undefined) => (n === undefined ? null : <NoteRef n={n} anchors={anchors} />);

  const block = (b: ReportBlock, key: number): ReactNode => {
    switch (b.type) {
      case "paragraph":
        return (
          <p key={key}>
            <Inlines content={b.content} anchors={anchors} />
          </p>
        );
      case "list":
        return (
          <ul key={key} className="report-list">
            {b.items.map((item, i) => (
              <li key={i}>
                <Inlines content={item} anchors={anchors} />
              </li>
            ))}
          </ul>
        );
      case "table":
        return (
          <div key={key} className="table-scroll report-table-wrap">
            <table className="table table-compact report-table">
              <caption>
                {b.caption}
                {note(b.footnote)}
              </caption>
              <thead>
                <tr>
                  {b.columns.map((c, i) => (
                    <th key={i} scope="col" className={c.align === "right" ? "numeric" : undefined}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {b.rows.map((row, r) => (
                  <tr key={r} className={/^all\b|^total\b/i.test(row[0]?.text ?? "") ? "report-total-row" : undefined}>
                    {row.map((cell, c) => {
                      const align = b.columns[c]?.align === "right" ? "numeric" : undefined;
                      const content = (
                        <>
                          {cell.text}
                          {note(cell.footnote)}
                        </>
                      );
                      return c === 0 ? (
                        <th key={c} scope="row" className={align}>
                          {content}
                        </th>
                      ) : (
                        <td key={c} className={align}>
                          {content}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      case "chart":
        return <ReportChart key={key} chart={b} xLabel={xLabel} note={note(b.footnote)} />;
      case "map":
        return <ReportMap key={key} map={b} numericOf={numericOf} nameOf={reference.countryName} note={note(b.footnote)} />;
    }
  };

  return (
    <article className="report-document" aria-labelledby={titleId}>
      <MarkingBanner marking={doc.handling} />
      {doc.synthetic ? <SyntheticWatermark /> : null}
      <header className="report-document-header">
        <p className="report-document-kind">{KIND_LABELS[doc.kind]}</p>
        <Heading level={headingLevel} id={titleId} className="report-document-title">
          {doc.title}
        </Heading>
        <p className="report-document-meta">
          Data as of {timestampLabel(doc.as_of)}
          <span aria-hidden="true"> · </span>
          Template {doc.template.id} ({doc.template.version})
          {doc.tags.length > 0 ? (
            <>
              <span aria-hidden="true"> · </span>
              Tags {doc.tags.join(" ")}
            </>
          ) : null}
        </p>
      </header>
      {doc.summary.length > 0 ? (
        <section className="report-summary" aria-labelledby={`${prefix}-summary`}>
          <Heading level={sectionLevel} id={`${prefix}-summary`}>
            Summary
          </Heading>
          {doc.summary.map((paragraph, i) => (
            <p key={i}>
              <Inlines content={paragraph} anchors={anchors} />
            </p>
          ))}
        </section>
      ) : null}
      {doc.sections.map((section) => (
        <section key={section.id} className="report-section" aria-labelledby={`${prefix}-section-${section.id}`}>
          <Heading level={sectionLevel} id={`${prefix}-section-${section.id}`}>
            {section.heading}
          </Heading>
          {section.blocks.map(block)}
        </section>
      ))}
      {doc.footnotes.length > 0 ? (
        <section className="report-notes" aria-labelledby={`${prefix}-notes`}>
          <Heading level={sectionLevel} id={`${prefix}-notes`}>
            Notes
          </Heading>
          <ol className="report-numbered">
            {doc.footnotes.map((f) => (
              <li key={f.n} id={anchors.note(f.n)} value={f.n} tabIndex={-1}>
                {f.text}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {doc.citations.length > 0 ? (
        <section className="report-sources" aria-labelledby={`${prefix}-sources`}>
          <Heading level={sectionLevel} id={`${prefix}-sources`}>
            Sources
          </Heading>
          <ol className="report-numbered">
            {doc.citations.map((c) => (
              <li key={c.n} id={anchors.source(c.n)} value={c.n} tabIndex={-1}>
                {c.text}
                {c.url ? (
                  <>
                    {" "}
                    <a href={c.url} rel="noreferrer noopener" className="report-source-link">
                      {c.url}
                    </a>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {doc.credits.length > 0 ? (
        <section className="report-credits" aria-labelledby={`${prefix}-credits`}>
          <Heading level={sectionLevel} id={`${prefix}-credits`}>
            Credits
          </Heading>
          <ul>
            {doc.credits.map((credit, i) => (
              <li key={i}>{credit}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {doc.synthetic ? <SyntheticWatermark /> : null}
      <MarkingBanner marking={doc.handling} />
    </article>
  );
}
