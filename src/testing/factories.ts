// The one place tests build what they record: users of a post, posts, incident fields, and incidents
// taken to any workflow state the way the desks would take them (each step by the role the policy
// gives it, through the service, so every step is audited as in production). Integration tests, the
// browser tests and the authorization matrix use it, rather than a builder of their own.
import type { AppContext } from "../context.js";
import type { MIGRATION_STATUSES, Role, VERIFICATION_STATUSES, WorkflowState } from "../domain/vocabulary.js";
import type { WorkflowAction } from "../domain/workflow.js";
import { CLI_ACTOR } from "../modules/auth/actor.js";
import { incidentInput, type IncidentInput, type IncidentRecordOutput } from "../modules/incidents/schema.js";
import type { PostOutput } from "../modules/posts/schema.js";
import type { TestUser } from "./harness.js";

/** Whatever can make a signed-in test user: the harness's env, the browser tests' server. */
interface UserMaker {
  user(role: Role, post?: string): Promise<TestUser>;
}

/** The users a post's record meets on its way: its reporter and approver, the bureau's analyst and editor. */
export interface Desk {
  reporter: TestUser;
  approver: TestUser;
  analyst: TestUser;
  editor: TestUser;
}

/** A reporter and an approver of `post`, with the bureau's analyst and editor (made, or the ones given). */
export async function deskOf(env: UserMaker, post: string, bureau?: Pick<Desk, "analyst" | "editor">): Promise<Desk> {
  return {
    reporter: await env.user("reporter", post),
    approver: await env.user("approver", post),
    analyst: bureau?.analyst ?? (await env.user("analyst")),
    editor: bureau?.editor ?? (await env.user("editor")),
  };
}

let posts = 0;
/** A new embassy, in a host country without one (the seed has the EU, EFTA, GB, CA, AU, NZ): opened by the CLI actor. */
export async function openPost(context: AppContext, fields: { country_code: string; name?: string; city?: string }): Promise<PostOutput> {
  posts += 1;
  return context.services.posts.createPost(CLI_ACTOR, {
    country_code: fields.country_code,
    name: fields.name ?? `Test embassy ${posts}`,
    city: fields.city ?? `Test city ${posts}`,
  });
}

type Group = { count: number; migration_status: (typeof MIGRATION_STATUSES)[number] };
/** An existing source by id, a news report (graded B2) by title and publisher, or a whole source as POST /sources takes it. */
type Citation = { source_id: string } | { title: string; publisher: string } | ({ kind: string } & Record<string, unknown>);

export interface IncidentFields {
  country?: string;
  /** The first day of the window (YYYY-MM-DD); the last is `to`, or the same day. */
  from?: string;
  to?: string;
  precision?: "day" | "week" | "month" | "year";
  categories?: string[];
  title?: string;
  summary?: string;
  synthetic?: boolean;
  verification?: (typeof VERIFICATION_STATUSES)[number];
  victims?: number | { count: number; minors?: number; female?: number; male?: number };
  /** Perpetrator groups by migration status as reported; none: no group recorded. */
  groups?: Group[];
  /** Sources cited, in order (none by default). */
  sources?: Citation[];
}

let incidents = 0;
/**
 * A valid incident as POST /incidents takes it, every field a test leaves out filled plausibly;
 * `overrides` replace whole fields of the request as they are (a post, bias motivations, a window of
 * a month, an invalid value for a test of refusals).
 */
export function incidentFields(f: IncidentFields = {}, overrides: Record<string, unknown> = {}) {
  const title = f.title ?? `Test incident ${++incidents}`;
  const victims = f.victims === undefined ? undefined : typeof f.victims === "number" ? { count: f.victims } : f.victims;
  return {
    country: f.country ?? "DE",
    occurred: { from: f.from ?? "2025-03-01", ...(f.to ? { to: f.to } : {}), precision: f.precision ?? "day" },
    categories: f.categories ?? ["SV.ASSAULT"],
    title,
    summary: f.summary ?? `Test record: ${title}.`,
    synthetic: f.synthetic ?? false,
    verification_status: f.verification ?? "unverified",
    ...(victims ? { victims } : {}),
    // No group: no perpetrator count either (as a desk records an attack by people it knows nothing of).
    perpetrators: { count: f.groups?.length ? f.groups.reduce((n, g) => n + g.count, 0) : null, groups: f.groups ?? [] },
    sources: (f.sources ?? []).map((s) =>
      "source_id" in s || "kind" in s
        ? s
        : {
            kind: "news",
            publisher: s.publisher,
            title: s.title,
            url: `https://news.example.org/${encodeURIComponent(s.title)}`,
            reliability: "B",
            credibility: 2,
          },
    ),
    ...overrides,
  };
}

/** The same, parsed as the route would pass it to the service (defaults filled). */
export function incidentInputOf(f: IncidentFields = {}, overrides: Record<string, unknown> = {}): IncidentInput {
  return incidentInput.parse(incidentFields(f, overrides));
}

/** Who takes each step, and the note it needs: the workflow of PRODUCT.md §5 (domain/workflow.ts). */
const STEPS: Record<WorkflowState, [keyof Desk, WorkflowAction][]> = {
  draft: [],
  submitted: [["reporter", "submit"]],
  returned: [
    ["reporter", "submit"],
    ["approver", "return"],
  ],
  cleared: [
    ["reporter", "submit"],
    ["approver", "clear"],
  ],
  accepted: [
    ["reporter", "submit"],
    ["approver", "clear"],
    ["analyst", "accept"],
  ],
  published: [
    ["reporter", "submit"],
    ["approver", "clear"],
    ["analyst", "accept"],
    ["editor", "publish"],
  ],
  retracted: [
    ["reporter", "submit"],
    ["approver", "clear"],
    ["analyst", "accept"],
    ["analyst", "retract"],
  ],
};
const NOTES: Partial<Record<WorkflowAction, Record<string, string>>> = {
  return: { comment: "Please add the police reference." },
  retract: { reason: "Recorded twice" },
};

/**
 * An incident recorded by the desk's reporter and taken to `state`, each step by the desk's user
 * whose role takes it. Answers the record as stored (every field, its version and state).
 */
export async function recordIncident(
  context: AppContext,
  state: WorkflowState,
  desk: Pick<Desk, "reporter"> & Partial<Desk>,
  fields: IncidentFields = {},
  overrides: Record<string, unknown> = {},
): Promise<IncidentRecordOutput> {
  const { incidents: service } = context.services;
  const [id] = await service.createIncidents(desk.reporter.actor, [incidentInputOf(fields, overrides)]);
  for (const [role, action] of STEPS[state]) {
    const user = desk[role];
    if (!user) throw new Error(`recordIncident: taking a record to ${state} needs the desk's ${role}`);
    const [current] = await service.present([id!]);
    await service.transition(user.actor, id!, { action, version: current!.version, ...NOTES[action] });
  }
  const [stored] = await service.present([id!]);
  return stored!;
}

let taskings = 0;
/** A valid tasking as POST /taskings takes it (two requirements, to DE and FR, due `due`); `overrides` replace whole fields. */
export function taskingFields(due = "2026-07-31", overrides: Record<string, unknown> = {}) {
  taskings += 1;
  return {
    reference: `STATE ${200000 + taskings}`,
    title: "Reporting on crimes and abuses linked to migration",
    handling: "SBU",
    body: "Posts are asked to report on the concerns below for the first half of 2026.",
    requirements: [
      { text: "Organised sexual exploitation of girls: cases, prosecutions, outcomes.", categories: ["SE.ORGANISED"] },
      { text: "Housing acquired or requisitioned for migrant accommodation.", categories: ["HD.ACCOMMODATION"], statistics: ["accommodation capacity"] },
    ],
    period: { from: "2026-01-01", to: "2026-06-30" },
    due_date: due,
    targets: { posts: ["DE", "FR"] },
    ...overrides,
  };
}

/** A valid engagement as POST /engagements takes it (a démarche at the interior ministry, 12 March 2026); `overrides` replace whole fields. */
export function engagementFields(overrides: Record<string, unknown> = {}) {
  return {
    date: "2026-03-12",
    kind: "demarche",
    counterpart: { office: "Federal Ministry of the Interior", level: "senior_official", office_type: "interior" },
    initiated_by: "post",
    topics: ["SE.ORGANISED"],
    message: "Delivered the bureau's concerns on organised sexual exploitation and offered support.",
    response: "no_response_yet",
    handling: "UNCLASSIFIED",
    ...overrides,
  };
}
