// A post's response to a tasking as its reporting cable: REF the tasking, a summary, then one
// numbered paragraph per requirement in the tasking's order (the narrative, or "nothing to
// report"), each naming the records it links with their sources cited by number (a statistics
// dataset it links is itself a numbered source, its publisher credited). When it links
// engagements, an "Engagement with the host government" section counts the accepted ones by level
// and response and lists them (reports' engagementBlocks, as the country report). Pure: the
// service reads the tasking, the response and the linked records; the reports module renders.
import { dayText } from "../../domain/dates.js";
import { COUNTERPART_LEVEL_LABELS, ENGAGEMENT_RESPONSE_LABELS } from "../../domain/labels.js";
import type { EngagementOutput } from "../engagements/index.js";
import type { IncidentDetail } from "../incidents/index.js";
import { engagementBlocks, Notebook, publisherCredits, type Inline, type ReportDocument } from "../reports/index.js";
import type { ResponseOutput, TaskingOutput } from "./schema.js";

/** A statistics dataset a response cites, as the cable names it. */
export interface CitedDataset {
  publisher: string;
  title: string;
  url: string | null;
  /** When it was last imported (ISO 8601). */
  retrieved_at: string;
}

const STATE_WORDS: Record<string, string> = {
  draft: "a draft, not yet submitted",
  returned: "returned to the post for changes",
  submitted: "submitted by the post, awaiting clearance",
  cleared: "cleared by the post, awaiting the bureau",
  accepted: "accepted by the bureau",
};

export function responseCable(
  tasking: TaskingOutput,
  response: ResponseOutput,
  context: {
    country: string;
    countryName: (code: string) => string;
    incidents: readonly IncidentDetail[];
    engagements: readonly EngagementOutput[];
    datasets: Map<string, CitedDataset>;
    asOf: string;
  },
): ReportDocument {
  const notebook = new Notebook(context.asOf, context.incidents, context.countryName);
  const incidents = new Map(context.incidents.map((i) => [i.id, i]));
  const engagements = new Map(context.engagements.map((e) => [e.id, e]));
  const answers = new Map(response.answers.map((a) => [a.requirement, a]));

  const paragraphs = tasking.requirements.map((requirement): Inline[] => {
    const answer = answers.get(requirement.number);
    const content: Inline[] = [{ type: "text", text: `Requirement ${requirement.number} (${requirement.text.trim()}): `, strong: true }];
    if (!answer) content.push({ type: "text", text: "Not answered." });
    else if (answer.nothing_to_report) content.push({ type: "text", text: "Nothing to report." });
    else content.push({ type: "text", text: answer.narrative ?? "" });
    for (const link of answer?.links ?? []) {
      if (link.kind === "incident") {
        const incident = incidents.get(link.id);
        if (!incident) continue;
        content.push({ type: "text", text: ` Record No. ${incident.number}: ${incident.title} (${dayText(incident.occurred_from)})` });
        for (const source of incident.sources) {
          const n = notebook.citationOf(source.id);
          if (n > 0) content.push({ type: "cite", n });
        }
        content.push({ type: "text", text: "." });
      } else if (link.kind === "engagement") {
        const e = engagements.get(link.id);
        if (!e) continue;
        const level = COUNTERPART_LEVEL_LABELS[e.counterpart.level].toLowerCase();
        content.push({
          type: "text",
          text: ` Engagement of ${dayText(e.date)} with ${e.counterpart.office} (${level}): ${ENGAGEMENT_RESPONSE_LABELS[e.response].toLowerCase()}.`,
        });
      } else {
        const dataset = context.datasets.get(link.id);
        if (!dataset) continue;
        content.push({ type: "text", text: ` Statistics: ${dataset.publisher}, ${dataset.title}` });
        const text = `${dataset.publisher}, “${dataset.title}” (official statistics, as imported on ${dayText(dataset.retrieved_at.slice(0, 10))})`;
        const n = notebook.cite(`dataset:${link.id}`, text, dataset.url);
        if (n > 0) content.push({ type: "cite", n });
        content.push({ type: "text", text: "." });
      }
    }
    return content;
  });

  const answered = response.answers.length;
  const synthetic = tasking.synthetic || context.incidents.some((i) => i.synthetic) || context.engagements.some((e) => e.synthetic);
  const sbu =
    tasking.handling === "SBU" || context.incidents.some((i) => i.handling_marking === "SBU") || context.engagements.some((e) => e.handling === "SBU");
  const postName = response.post_name;
  return {
    kind: "cable",
    template: { id: "cable", version: "builtin" },
    title: `${postName}: response to ${tasking.reference}`,
    subject: `Response to ${tasking.reference}: ${tasking.title}`,
    tags: ["PHUM", "SMIG", context.country],
    handling: sbu ? "SBU" : "UNCLASSIFIED",
    synthetic,
    as_of: context.asOf,
    parameters: { ref: `${tasking.reference} (${tasking.title})`, countries: [context.country] },
    summary: [
      [
        {
          type: "text",
          text: `${postName} answers ${answered} of the ${tasking.requirements.length} requirements of ${tasking.reference}, for ${dayText(tasking.period.from)} to ${dayText(tasking.period.to)}. This response is ${STATE_WORDS[response.state] ?? response.state}.`,
        },
      ],
    ],
    sections: [
      { id: "requirements", heading: "Answers to the requirements", blocks: paragraphs.map((content) => ({ type: "paragraph", content })) },
      ...(context.engagements.length === 0
        ? []
        : [
            {
              id: "engagement",
              heading: "Engagement with the host government",
              blocks: engagementBlocks(
                context.engagements.filter((e) => e.state === "accepted"),
                {
                  where: context.countryName(context.country),
                  period: "among those this response cites",
                  caption: "Accepted engagements this response cites, by the counterpart's level and the response",
                  notable: "all",
                },
              ),
            },
          ]),
    ],
    footnotes: [],
    citations: notebook.citations,
    credits: publisherCredits([...context.datasets.values()].map((d) => d.publisher)),
  };
}
