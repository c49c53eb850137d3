// The demo's taskings, like the briefing's two cables: the detailed migration reporting tasking to
// the posts in Europe, Canada, Australia and New Zealand (due in three weeks), and the worldwide
// country-report tasking with its migration section (due ten days ago, so some posts are overdue);
// with responses from several posts in every state of the review path, citing the posts' accepted
// engagements with their host governments (engagements.ts, recorded with the taskings). Flagged synthetic.
import { addDays } from "../../domain/dates.js";
import type { Services } from "../../context.js";
import { CLI_ACTOR, type UserActor } from "../auth/actor.js";
import { incidentListQuery } from "../incidents/schema.js";
import { responseInput, taskingInput } from "../taskings/schema.js";
import { demoEngagements } from "./engagements.js";

type DemoUser = (role: "reporter" | "approver" | "analyst" | "editor", post?: string) => Promise<UserActor>;
type Stage = "draft" | "submitted" | "cleared" | "accepted" | "returned";

const MIGRATION = {
  reference: "STATE 900001",
  title: "[SYNTHETIC] Reporting on crimes and human-rights abuses linked to mass migration",
  handling: "SBU",
  body: "[SYNTHETIC] Posts are asked to collect data and report on the concerns below for the period covered, without selectivity: the same categories whoever the perpetrator is, with the background unknown where it is not reported.",
  requirements: [
    { text: "Sexual violence and organised sexual exploitation of women and girls.", categories: ["SV", "SE"] },
    { text: "Trafficking in persons.", categories: ["TIP"] },
    { text: "Antisemitic and anti-Christian attacks, and other hate crimes.", categories: ["HC"] },
    {
      text: "Displacement: housing acquired or requisitioned for accommodation.",
      categories: ["HD"],
      statistics: ["accommodation capacity", "house-price index"],
    },
    { text: "Sentencing: outcomes of comparable cases by migration status.", categories: ["JS"], statistics: ["convictions by citizenship"] },
  ],
  targets: { groups: ["eu", "efta", "uk", "canada", "australia_new_zealand"] },
};

const COUNTRY_REPORT = {
  reference: "STATE 900002",
  title: "[SYNTHETIC] Annual human-rights country reports: the migration section",
  handling: "UNCLASSIFIED",
  body: "[SYNTHETIC] The country reports now include reporting requirements on mass migration. Posts worldwide answer the two below.",
  requirements: [
    { text: "Human-rights concerns linked to migration in the host country.", categories: [] },
    { text: "The host government's response: laws, policies, official statements.", categories: ["GR"] },
  ],
  targets: { groups: ["all"] },
};

const RESPONSES: Record<string, [string, Stage][]> = {
  [MIGRATION.reference]: [
    ["DE", "accepted"],
    ["AT", "accepted"],
    ["FR", "cleared"],
    ["IT", "submitted"],
    ["ES", "draft"],
    ["SE", "returned"],
  ],
  [COUNTRY_REPORT.reference]: [
    ["DE", "accepted"],
    ["GB", "submitted"],
    ["IE", "draft"],
  ],
};

const STEPS: Record<Stage, ("submit" | "clear" | "accept" | "return")[]> = {
  draft: [],
  submitted: ["submit"],
  cleared: ["submit", "clear"],
  accepted: ["submit", "clear", "accept"],
  returned: ["submit", "clear", "return"],
};

/** Issues the two taskings (once: a second run finds them) and answers them from several posts; how many responses it wrote. */
export async function demoTaskings(services: Pick<Services, "taskings" | "incidents" | "engagements">, user: DemoUser, today: string): Promise<number> {
  const { taskings } = services;
  const existing = new Set((await taskings.listTaskings(CLI_ACTOR)).items.map((t) => t.reference));
  const editor = await user("editor");
  const analyst = await user("analyst");
  let written = 0;
  // The engagements come with the taskings (once): their responses link the accepted ones.
  const engagements = existing.has(MIGRATION.reference) ? new Map<string, string[]>() : await demoEngagements(services, user, today);
  const cables = [
    { ...MIGRATION, period: { from: addDays(today, -182), to: today }, due_date: addDays(today, 21) },
    {
      ...COUNTRY_REPORT,
      period: { from: `${Number(today.slice(0, 4)) - 1}-01-01`, to: `${Number(today.slice(0, 4)) - 1}-12-31` },
      due_date: addDays(today, -10),
    },
  ];
  for (const cable of cables) {
    if (existing.has(cable.reference)) continue;
    const drafted = await taskings.createTasking(editor, taskingInput.parse(cable), { synthetic: true });
    const issued = await taskings.issueTasking(editor, drafted.id, drafted.version);
    for (const [post, stage] of RESPONSES[cable.reference] ?? []) {
      const reporter = await user("reporter", post);
      const approver = await user("approver", post);
      const { items } = await services.incidents.listIncidents(reporter, incidentListQuery.parse({ limit: "1", state: "accepted" }));
      const answers = issued.requirements.map((r) =>
        r.number % 2 === 1
          ? { requirement: r.number, narrative: `[SYNTHETIC] The post's reporting on "${r.text}" for the period, from open sources and official contacts.` }
          : { requirement: r.number, nothing_to_report: true },
      );
      let response = await taskings.responses.save(
        reporter,
        issued.id,
        post,
        responseInput.parse({
          answers,
          links: [
            ...items.map((i) => ({ requirement: 1, kind: "incident", id: i.id })),
            ...(engagements.get(post) ?? []).map((id) => ({ requirement: 1, kind: "engagement", id })),
          ],
        }),
      );
      for (const action of STEPS[stage]) {
        const actor = action === "submit" ? reporter : action === "clear" ? approver : analyst;
        const comment = action === "return" ? { comment: "[SYNTHETIC] Please add the figures the second requirement asks for." } : {};
        response = await taskings.responses.transition(actor, issued.id, post, { action, version: response.version, ...comment });
      }
      written++;
    }
  }
  return written;
}
