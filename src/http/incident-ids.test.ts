// Every route that takes an incident id — in its path, its query or its JSON body, found from the
// OpenAPI document so a new route is walked without being listed — answers a reporter of another
// post exactly the same for a real draft of post FR as for a made-up id: the draft's existence
// does not leak. The draft's own reporter, sending the same request, gets another answer (so the
// id was real and the route really reads it).
import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { incidentExample } from "../modules/incidents/schema.js";
import { caseOutcomeExample } from "../modules/stats/case-outcomes-schema.js";
import { notableCaseExample } from "../modules/stats/notable-cases-schema.js";
import { forEachDatabase, type TestUser } from "../testing/harness.js";

interface Parameter {
  in: string;
  name: string;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema; example?: unknown }> };
}
interface JsonSchema {
  properties?: Record<string, unknown>;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** Where an operation takes an incident id, if it does. */
type Slot = { in: "path" } | { in: "query"; name: string } | { in: "body"; name: string };

/** A field naming one incident, or a list of them (`incident_ids`: sent as a list of the one id). */
const INCIDENT_FIELD = /^incident(_id|_ids)?$/;

/** Top-level property names of a JSON body schema, through anyOf/oneOf. */
function bodyFields(schema: JsonSchema | undefined): string[] {
  if (!schema) return [];
  return [...Object.keys(schema.properties ?? {}), ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].flatMap(bodyFields)];
}

function incidentSlots(path: string, operation: Operation): Slot[] {
  const slots: Slot[] = [];
  if (/\/incidents\/\{[^}]+\}/.test(path)) slots.push({ in: "path" });
  for (const p of operation.parameters ?? []) if (p.in === "query" && INCIDENT_FIELD.test(p.name)) slots.push({ in: "query", name: p.name });
  for (const name of new Set(bodyFields(operation.requestBody?.content["application/json"]?.schema)))
    if (INCIDENT_FIELD.test(name)) slots.push({ in: "body", name });
  return slots;
}

forEachDatabase("incident ids across every route", (env) => {
  let owner: TestUser;
  let stranger: TestUser;
  let operations: { key: string; method: string; path: string; operation: Operation; slot: Slot }[];

  beforeAll(async () => {
    owner = await env().user("reporter", "FR");
    stranger = await env().user("reporter", "DE");
    const document = (await env().request(null, { method: "GET", url: "/api/openapi.json" })).json<{ paths: Record<string, Record<string, Operation>> }>();
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, operation]) =>
        incidentSlots(path, operation).map((slot) => ({ key: `${method.toUpperCase()} ${path}`, method, path, operation, slot })),
      ),
    );
  });

  /** A fresh draft of post FR, so no route's change is seen by the next. */
  async function draft(): Promise<string> {
    const created = await env().request(owner, {
      method: "POST",
      url: "/api/v1/incidents",
      json: { ...incidentExample, country: "FR", title: "A draft another post must not learn of" },
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json<{ id: string }>().id;
  }

  /**
   * Routes whose path names a record other than an incident, and that take an incident id elsewhere:
   * a fresh record of post FR for the path (a made-up one would answer 404 whatever the incident).
   */
  const PATH_RECORDS: Record<string, () => Promise<string>> = {
    "/api/v1/case-outcomes/{id}": async () => {
      const created = await env().request(owner, { method: "POST", url: "/api/v1/case-outcomes", json: { ...caseOutcomeExample, country: "FR" } });
      expect(created.statusCode, created.body).toBe(201);
      return created.json<{ id: string }>().id;
    },
    "/api/v1/notable-cases/{id}": async () => {
      const outcomes: { case_outcome_id: string; role: string }[] = [];
      for (const role of ["the original offence", "the related prosecution"]) {
        const created = await env().request(owner, { method: "POST", url: "/api/v1/case-outcomes", json: { ...caseOutcomeExample, country: "FR" } });
        expect(created.statusCode, created.body).toBe(201);
        outcomes.push({ case_outcome_id: created.json<{ id: string }>().id, role });
      }
      const created = await env().request(owner, { method: "POST", url: "/api/v1/notable-cases", json: { ...notableCaseExample, country: "FR", outcomes } });
      expect(created.statusCode, created.body).toBe(201);
      return created.json<{ id: string }>().id;
    },
  };

  function send(user: TestUser, op: (typeof operations)[number], incidentId: string, pathRecord: string) {
    const example = op.operation.requestBody?.content["application/json"]?.example;
    let url = op.path.replace(/\{[^}]+\}/, op.slot.in === "path" ? incidentId : pathRecord);
    if (op.slot.in === "query") url += `?${op.slot.name}=${incidentId}`;
    const json = op.slot.in === "body" ? { ...(example as object), [op.slot.name]: op.slot.name.endsWith("_ids") ? [incidentId] : incidentId } : example;
    return env().request(user, { method: op.method.toUpperCase() as "GET", url, ...(json === undefined || op.method === "get" ? {} : { json }) });
  }

  it("when the routes are read from the OpenAPI document, then every known way of naming an incident is among them", () => {
    const keys = operations.map((o) => `${o.key} (${o.slot.in})`);
    expect(keys).toEqual(
      expect.arrayContaining([
        "GET /api/v1/incidents/{id} (path)",
        "PATCH /api/v1/incidents/{id} (path)",
        "POST /api/v1/incidents/{id}/transitions (path)",
        "GET /api/v1/incidents/{id}/comments (path)",
        "POST /api/v1/incidents/{id}/comments (path)",
        "GET /api/v1/incidents/{id}/history (path)",
        "POST /api/v1/incidents/{id}/sources (path)",
        "POST /api/v1/case-outcomes (body)",
        "POST /api/v1/notable-cases (body)",
        "PATCH /api/v1/notable-cases/{id} (body)",
      ]),
    );
  });

  it("when a reporter of another post names a real draft of post FR, then every route answers exactly as for a made-up id", async () => {
    const leaks: string[] = [];
    for (const op of operations) {
      const id = await draft();
      const record = op.slot.in === "path" || !/\{/.test(op.path) ? "" : await PATH_RECORDS[op.path]!();
      const real = await send(stranger, op, id, record);
      const madeUp = await send(stranger, op, randomUUID(), record);
      const answer = (r: typeof real) => `${r.statusCode} ${r.body}`;
      if (answer(real) !== answer(madeUp))
        leaks.push(`${op.key} (${op.slot.in}): a real draft got ${answer(real).slice(0, 200)}; a made-up id got ${answer(madeUp).slice(0, 200)}`);
      // The control: to its own post the draft is there, so the same request is answered otherwise.
      const own = await send(owner, op, id, record);
      if (answer(own) === answer(real))
        leaks.push(`${op.key} (${op.slot.in}): its own post got the stranger's answer too (${answer(own).slice(0, 200)}), so the test proves nothing here`);
    }
    expect(leaks).toEqual([]);
  });
});
