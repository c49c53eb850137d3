// An incident's sources with their Admiralty grades: reliability of the source (A–F) and
// credibility of the information (1–6).
import type { Source } from "../../api/types.js";
import { GradeBadge, SyntheticBadge } from "../../components/Badges.js";
import { Section } from "../../components/Page.js";
import { CREDIBILITY_LABELS, RELIABILITY_LABELS, SOURCE_KIND_LABELS } from "../../lib/labels.js";

export function SourcesTable({ sources }: { sources: Source[] }) {
  return (
    <Section title={`Sources (${sources.length})`} id="sources">
      {sources.length === 0 ? (
        <p className="muted">No source cited yet. A record needs at least one before the bureau can accept it.</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Sources cited for this incident</caption>
            <thead>
              <tr>
                <th scope="col">No.</th>
                <th scope="col">Source</th>
                <th scope="col">Kind</th>
                <th scope="col">Published</th>
                <th scope="col">Grade</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((source, i) => (
                <tr key={source.id}>
                  <td className="numeric">{i + 1}</td>
                  <td>
                    <span className="source-title">
                      {source.url ? (
                        <a href={source.url} rel="noopener noreferrer" target="_blank">
                          {source.title}
                          <span className="visually-hidden"> (opens in a new tab)</span>
                        </a>
                      ) : (
                        source.title
                      )}
                    </span>
                    <span className="muted">
                      {" "}
                      — {source.publisher}
                      {source.language ? ` (${source.language})` : ""}
                    </span>
                    {source.synthetic ? <SyntheticBadge /> : null}
                  </td>
                  <td>{SOURCE_KIND_LABELS[source.kind]}</td>
                  <td className="nowrap">{source.published_date ?? <span className="muted">not known</span>}</td>
                  <td>
                    <GradeBadge reliability={source.reliability} credibility={source.credibility} />{" "}
                    <span className="muted small">
                      {RELIABILITY_LABELS[source.reliability].split(" — ")[1]}; {CREDIBILITY_LABELS[source.credibility as 1].split(" — ")[1]}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
