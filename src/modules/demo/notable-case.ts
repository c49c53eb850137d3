// The demo's notable case, modelled on the briefing's German example: an offence (a rape) and the
// related prosecution of someone else, a friend of the victim, for insulting one of the men online,
// each a synthetic case outcome of the demo, shown side by side. Recorded once (by the bureau's
// synthetic analyst); every part of it is flagged synthetic, and like every notable case it
// carries the sentence that one pair of cases proves nothing about sentencing in general.
import type { Services } from "../../context.js";
import type { UserActor } from "../auth/actor.js";
import type { CaseOutcomeInput } from "../stats/case-outcomes-schema.js";

export const DEMO_NOTABLE_TITLE = "[SYNTHETIC] A rape, and the prosecution of a friend of the victim for an online insult of one of the men";

/** The two outcomes, decided last year: a suspended custodial sentence for the offence, a short unsuspended one for the insult. */
function demoNotableOutcomes(year: number): [CaseOutcomeInput, CaseOutcomeInput] {
  const base = { country: "DE", court_level: "first_instance", convicted: true, incident_id: null, synthetic: true } as const;
  return [
    {
      ...base,
      offence: { category: "SV.RAPE" },
      decision_date: `${year}-03-14`,
      defendant: { migration_status: "asylum_seeker", basis: "credible_media" },
      sentence: { custodial_months: 24, suspended: true, fine: null, other: null },
    },
    {
      ...base,
      offence: { category: "JS" },
      decision_date: `${year}-09-22`,
      defendant: { migration_status: "citizen_by_birth", basis: "credible_media" },
      sentence: { custodial_months: 1, suspended: false, fine: null, other: "Youth detention" },
    },
  ];
}

/** Record the demo's notable case unless it is there; how many case outcomes it added (0 or 2). */
export async function demoNotableCase(services: Pick<Services, "stats">, analyst: UserActor, year: number): Promise<number> {
  const existing = await services.stats.listNotableCases(analyst, { country: "DE" });
  if (existing.items.some((n) => n.title === DEMO_NOTABLE_TITLE)) return 0;
  const outcomes = [];
  for (const input of demoNotableOutcomes(year)) outcomes.push(await services.stats.recordCaseOutcome(analyst, input));
  await services.stats.recordNotableCase(analyst, {
    country: "DE",
    title: DEMO_NOTABLE_TITLE,
    description:
      "[SYNTHETIC] Modelled on a case the bureau was briefed on: a young woman was raped; a friend of hers criticised one of the men online and was prosecuted for insult. Both cases came to court.",
    outcomes: [
      { case_outcome_id: outcomes[0]!.id, role: "the original offence" },
      { case_outcome_id: outcomes[1]!.id, role: "the related prosecution (an online insult of one of the men)" },
    ],
    incident_ids: [],
    synthetic: true,
  });
  return outcomes.length;
}
