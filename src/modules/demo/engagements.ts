// The demo's engagements with host governments: a few dozen meetings, démarches, calls and letters
// from nine posts over the last six months, at every level and office type, with every kind of
// response, some follow-up actions done, open, due soon or overdue, taken to every state of the
// review path (the bureau marks some accepted ones notable). Offices only, never a person.
// Flagged synthetic. The taskings' demo links the accepted ones to its responses.
import { addDays } from "../../domain/dates.js";
import type { Services } from "../../context.js";
import { COUNTERPART_LEVELS, ENGAGEMENT_KINDS, ENGAGEMENT_RESPONSES, OFFICE_TYPES } from "../../domain/vocabulary.js";
import type { UserActor } from "../auth/actor.js";
import { engagementInput } from "../engagements/schema.js";

type DemoUser = (role: "reporter" | "approver" | "analyst" | "editor", post?: string) => Promise<UserActor>;
type Stage = "draft" | "submitted" | "cleared" | "accepted" | "returned";

const POSTS = ["DE", "FR", "AT", "IT", "ES", "SE", "GB", "IE", "PL"];
const PER_POST = 4;
/** How many engagements the demo records. */
export const DEMO_ENGAGEMENTS = POSTS.length * PER_POST;
const STAGES: Stage[] = ["accepted", "accepted", "cleared", "submitted", "draft", "returned", "accepted", "submitted"];
const STEPS: Record<Stage, ("submit" | "clear" | "accept" | "return")[]> = {
  draft: [],
  submitted: ["submit"],
  cleared: ["submit", "clear"],
  accepted: ["submit", "clear", "accept"],
  returned: ["submit", "clear", "return"],
};
const OFFICES: Record<(typeof OFFICE_TYPES)[number], string> = {
  interior: "Ministry of the Interior",
  justice: "Ministry of Justice",
  police: "National Police headquarters",
  immigration: "Immigration and asylum agency",
  housing: "Ministry of Housing",
  parliament: "Parliamentary committee on home affairs",
  local_authority: "Capital city council",
  other: "Office of the national equality ombudsman",
};
const TOPICS = [["SE.ORGANISED", "SV"], ["TIP"], ["HC.VIOLENCE"], ["HD.ACCOMMODATION"], ["JS"], ["GR"]];
const MESSAGES = [
  "Delivered the bureau's concerns on organised sexual exploitation of girls and offered support for victim services.",
  "Raised trafficking in persons and asked about the national referral mechanism.",
  "Raised antisemitic and anti-Christian attacks and asked how they are recorded.",
  "Asked about housing requisitioned for accommodation and the figures on capacity.",
  "Raised concerns about sentencing in comparable cases and asked for published figures.",
  "Asked about new laws and policies on migration and the protection of victims.",
];
const RESPONSE_TEXTS: Record<(typeof ENGAGEMENT_RESPONSES)[number], string | null> = {
  receptive: "[SYNTHETIC] The office shared its figures and agreed to a follow-up meeting.",
  non_committal: "[SYNTHETIC] The office took note and promised an answer after internal consultations.",
  rejected: "[SYNTHETIC] The office rejected the premise and declined to share figures.",
  no_response_yet: null,
};

/** Records the demo's engagements; the ids of the accepted ones by post (for the taskings' responses to link). */
export async function demoEngagements(services: Pick<Services, "engagements">, user: DemoUser, today: string): Promise<Map<string, string[]>> {
  const { engagements } = services;
  const analyst = await user("analyst");
  const accepted = new Map<string, string[]>();
  let n = 0;
  for (const post of POSTS) {
    const reporter = await user("reporter", post);
    const approver = await user("approver", post);
    for (let i = 0; i < PER_POST; i++, n++) {
      const stage = STAGES[n % STAGES.length]!;
      const officeType = OFFICE_TYPES[n % OFFICE_TYPES.length]!;
      const response = ENGAGEMENT_RESPONSES[(n * 3 + i) % ENGAGEMENT_RESPONSES.length]!;
      const date = addDays(today, -(7 + ((n * 37) % 170)));
      const input = engagementInput.parse({
        date,
        kind: ENGAGEMENT_KINDS[n % ENGAGEMENT_KINDS.length],
        counterpart: { office: OFFICES[officeType], level: COUNTERPART_LEVELS[(n + i) % COUNTERPART_LEVELS.length], office_type: officeType },
        initiated_by: n % 5 === 0 ? "host_government" : "post",
        topics: TOPICS[n % TOPICS.length],
        message: `[SYNTHETIC] ${MESSAGES[n % MESSAGES.length]}`,
        response,
        response_text: RESPONSE_TEXTS[response],
        handling: n % 3 === 0 ? "SBU" : "UNCLASSIFIED",
        follow_ups:
          n % 2 === 0
            ? [
                { action: "[SYNTHETIC] Send the bureau's questions in writing", owner_user: reporter.id, due_date: addDays(date, 14) },
                { action: "[SYNTHETIC] Ask for the published figures", owner_role: "the political section", due_date: addDays(today, (n % 4) * 3 - 2) },
              ]
            : [],
      });
      let current = await engagements.create(reporter, input, { synthetic: true });
      if (current.follow_ups.length > 0) current = await engagements.completeFollowUp(reporter, current.id, 1, current.version);
      for (const action of STEPS[stage]) {
        const actor = action === "submit" ? reporter : action === "clear" ? approver : analyst;
        const comment = action === "return" ? { comment: "[SYNTHETIC] Please say which unit of the office answered." } : {};
        current = await engagements.transition(actor, current.id, { action, version: current.version, ...comment });
      }
      if (stage === "accepted") {
        if (i === 0) current = await engagements.markNotable(analyst, current.id, current.version, true);
        accepted.set(post, [...(accepted.get(post) ?? []), current.id]);
      }
    }
  }
  return accepted;
}
