// The demo: a few hundred synthetic incidents across posts, categories, workflow states and two
// years, and two taskings with responses in every state (taskings.ts), recorded through the ordinary services by synthetic reporters (one per embassy), so a
// new installation shows a living system; and synthetic case outcomes (case-outcomes.ts), one for
// every three incidents, for the sentencing comparison, and one notable case modelled on the
// briefing's German example (notable-case.ts). Everything it makes is flagged synthetic.
import { randomBytes } from "node:crypto";
import { EMBASSIES } from "../../db/seed/posts.js";
import type { WorkflowState } from "../../domain/vocabulary.js";
import type { Services } from "../../context.js";
import { actorOf, CLI_ACTOR, type UserActor } from "../auth/actor.js";
import { todayUtc } from "../../domain/clock.js";
import { generateCaseOutcomes } from "./case-outcomes.js";
import { demoNotableCase } from "./notable-case.js";
import { demoState, generateIncidents, random } from "./generator.js";
import { demoTaskings } from "./taskings.js";

const DEMO_EMAIL_DOMAIN = "demo.rapporteur.invalid";

async function demoUser(services: Pick<Services, "users">, role: "reporter" | "approver" | "analyst" | "editor", post?: string): Promise<UserActor> {
  const email = `${role}.${(post ?? "bureau").toLowerCase()}@${DEMO_EMAIL_DOMAIN}`;
  let user = await services.users.findByEmail(email);
  if (!user) {
    // A random password nobody is told: demo authors exist to own records, not to sign in.
    await services.users.createUser(CLI_ACTOR, {
      email,
      name: `Synthetic demo ${role} (${post ?? "bureau"})`,
      role,
      ...(post ? { post } : {}),
      password: randomBytes(24).toString("base64url"),
    });
    user = (await services.users.findByEmail(email))!;
  }
  return actorOf(user);
}

export async function runDemo(
  services: Pick<Services, "users" | "incidents" | "stats" | "taskings" | "engagements">,
  options: { count: number; seed: number },
) {
  const incidents = generateIncidents(options.count, { seed: options.seed });
  const rng = random(options.seed + 1);
  const groups = new Map<string, typeof incidents>();
  for (const incident of incidents) {
    const key = `${incident.country}|${demoState(rng)}`;
    groups.set(key, [...(groups.get(key) ?? []), incident]);
  }
  const byState: Partial<Record<WorkflowState, number>> = {};
  for (const [key, batch] of groups) {
    const [post, state] = key.split("|") as [string, WorkflowState];
    if (!EMBASSIES.some((e) => e.code === post)) continue;
    const reporter = await demoUser(services, "reporter", post);
    await services.incidents.createIncidents(reporter, batch, {
      state,
      ...(state === "retracted" ? { retractionReason: "[SYNTHETIC] Retracted to show how retractions look." } : {}),
    });
    byState[state] = (byState[state] ?? 0) + batch.length;
  }
  const outcomes = generateCaseOutcomes(Math.ceil(options.count / 3), { seed: options.seed + 2 });
  for (const outcome of outcomes) await services.stats.recordCaseOutcome(await demoUser(services, "reporter", outcome.country), outcome);
  const notableOutcomes = await demoNotableCase(services, await demoUser(services, "analyst"), Number(todayUtc().slice(0, 4)) - 1);
  // The two taskings of the briefing, answered by several posts (their responses link the accepted records).
  const responses = await demoTaskings(services, (role, post) => demoUser(services, role, post), todayUtc());
  return { created: incidents.length, byState, caseOutcomes: outcomes.length + notableOutcomes, responses };
}
