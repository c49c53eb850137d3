// The OpenAPI document is generated from the route declarations; these stories check that what it
// says is true: it is valid OpenAPI 3.1, it lists exactly the routes Fastify serves, and every
// request-body example it shows is accepted by the server as it is.
import { caseOutcomeFileExampleMapping } from "../modules/stats/case-outcomes-import-schema.js";
import { Validator } from "@seriousme/openapi-schema-validator";
import type { HTTPMethods, RouteOptions } from "fastify";
import { beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { taskingFields } from "../testing/factories.js";
import { responseInput, taskingInput } from "../modules/taskings/schema.js";
import { engagementInput } from "../modules/engagements/schema.js";
import { caseOutcomeExample, caseOutcomeInput } from "../modules/stats/case-outcomes-schema.js";
import { notableCaseInput } from "../modules/stats/notable-cases-schema.js";
import { forEachDatabase, TEST_APP_CONFIG, type TestEnv, type TestUser } from "../testing/harness.js";
import { APP_VERSION } from "../version.js";
import { CSRF_COOKIE, SESSION_COOKIE } from "./cookies.js";
import { enrolSecondFactor, totpCode } from "../testing/second-factor.js";

type Operation = {
  operationId: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: unknown; example?: unknown }> };
  responses: Record<string, unknown>;
};
type OpenApiDocument = { openapi: string; paths: Record<string, Record<string, Operation>> };

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
/** Served, but deliberately not described in the document it serves. */
const UNDOCUMENTED = new Set(["GET /api/openapi.json"]);

function operations(doc: OpenApiDocument): { key: string; method: string; path: string; operation: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => (HTTP_METHODS as readonly string[]).includes(method))
      .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operation })),
  );
}

/** The media type whose example the document shows (JSON, or a file's type for an upload). */
function exampleMedia(operation: Operation): { mediaType: string; example: unknown } | undefined {
  const found = Object.entries(operation.requestBody?.content ?? {}).find(([, media]) => media.example !== undefined);
  return found && { mediaType: found[0], example: found[1].example };
}

/** Fastify's `:id` is OpenAPI's `{id}`. */
function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}");
}

/** Every method+path Fastify registers while building the app, HEAD twins of GET routes left out. */
async function registeredRoutes(env: TestEnv): Promise<string[]> {
  const seen: RouteOptions[] = [];
  const app = await buildApp(env.context, { config: TEST_APP_CONFIG, onRoute: (route) => void seen.push(route) });
  await app.ready();
  await app.close();
  const keys = seen.flatMap((route) =>
    (Array.isArray(route.method) ? route.method : [route.method]).map((m: HTTPMethods) => `${m.toUpperCase()} ${openApiPath(route.url)}`),
  );
  const gets = new Set(keys.filter((k) => k.startsWith("GET ")).map((k) => k.slice(4)));
  // Fastify answers HEAD for every GET route by itself (exposeHeadRoutes); those are not API operations.
  return [...new Set(keys.filter((k) => !(k.startsWith("HEAD ") && gets.has(k.slice(5)))))].sort();
}

forEachDatabase("the OpenAPI document", (env) => {
  let doc: OpenApiDocument;

  beforeAll(async () => {
    const response = await env().request(null, { method: "GET", url: "/api/openapi.json" });
    expect(response.statusCode).toBe(200);
    doc = response.json() as OpenApiDocument;
  });

  it("when the document is fetched, then it validates as OpenAPI 3.1", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as Record<string, unknown>);
    if (!result.valid) console.error(`OpenAPI validation errors:\n${JSON.stringify(result.errors, null, 2)}`);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(validator.version).toBe("3.1");
  });

  it("when the routes Fastify registers are compared with the document, then each is documented and each documented operation is served", async () => {
    const registered = await registeredRoutes(env());
    const documented = operations(doc)
      .map((o) => o.key)
      .sort();
    // The comparison means something only if both sides saw the API.
    expect(registered).toContain("POST /api/v1/incidents");
    expect(registered).toContain("GET /api/openapi.json");
    expect(documented.length).toBeGreaterThan(5);

    const served = registered.filter((key) => !UNDOCUMENTED.has(key));
    expect(
      served.filter((key) => !documented.includes(key)),
      "registered in Fastify but missing from the document",
    ).toEqual([]);
    expect(
      documented.filter((key) => !served.includes(key)),
      "documented but not registered in Fastify",
    ).toEqual([]);

    // And the running app answers each documented method+path (with :id for {id}).
    for (const { method, path } of operations(doc)) {
      const url = path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ":$1");
      expect(env().app.hasRoute({ method: method as HTTPMethods, url }), `${method} ${url} is not a route of the app`).toBe(true);
    }
  });

  it("when an operation takes a request body, then the document shows an example of it", () => {
    const withBody = operations(doc).filter((o) => o.operation.requestBody !== undefined);
    expect(withBody.length).toBeGreaterThan(0);
    const missing = withBody.filter((o) => exampleMedia(o.operation) === undefined).map((o) => o.key);
    expect(missing, "operations whose request body has no example").toEqual([]);
  });

  describe("when each request-body example is sent as documented, by a signed-in user, to a freshly seeded database", () => {
    let reporter: TestUser;
    let admin: TestUser;

    beforeAll(async () => {
      reporter = await env().user("reporter", "DE");
      admin = await env().user("admin");
    });

    /** Who sends an example: a reporter of post DE, but an administrator for the account routes (tag "users"), which only admins may use. */
    const callerFor = (operation: Operation): TestUser => (operation.tags?.some((t) => t === "users" || t === "posts" || t === "taxonomy") ? admin : reporter);

    /** The engagement made last for a path (the bureau marks it notable once it is accepted). */
    let engagement: { id: string; version: number } | undefined;
    /** The tasking made last for a path (the routes on one tasking issue it, or answer it, first). */
    let tasking: { id: string; version: number } | undefined;
    let editor: TestUser | undefined;
    const editorOf = async () => (editor ??= await env().user("editor"));
    /** The last tasking issued, as its editor, so a route on an issued tasking has one; its version is then 2. */
    const issued = async () => {
      await env().context.services.taskings.issueTasking((await editorOf()).actor, tasking!.id, tasking!.version);
      return tasking!.id;
    };

    /** Fresh case outcomes of DE (the reporter's), for a notable case to link in place of the example's made-up ids. */
    const deOutcomes = async (n: number) => {
      const ids: string[] = [];
      for (let i = 0; i < n; i++)
        ids.push((await env().context.services.stats.recordCaseOutcome(reporter.actor, caseOutcomeInput.parse(caseOutcomeExample))).id);
      return ids;
    };
    /** The outcomes the notable case made last for a path links. */
    let notableOutcomes: string[] = [];

    /** Collections whose records are not made by POSTing the collection's own example: how to make one, and its id. */
    const makeRecord: Record<string, () => Promise<string>> = {
      // DE's notable case of three fresh outcomes of DE (one may be unlinked, two stay).
      "/api/v1/notable-cases": async () => {
        notableOutcomes = await deOutcomes(3);
        const outcomes = notableOutcomes.map((id, i) => ({ case_outcome_id: id, role: `part ${i + 1} of the case` }));
        const example = exampleOf("POST /api/v1/notable-cases");
        return (await env().context.services.stats.recordNotableCase(reporter.actor, notableCaseInput.parse({ ...example, outcomes }))).id;
      },
      // A fresh account to change, so the example's e-mail stays free for POST /api/v1/users itself.
      "/api/v1/users": async () => (await env().user("reporter", "DE")).actor.id,
      // A draft tasking to DE and FR, the editor's (the example's reference stays free for POST /api/v1/taskings).
      "/api/v1/taskings": async () => {
        tasking = await env().context.services.taskings.createTasking((await editorOf()).actor, taskingInput.parse(taskingFields()));
        return tasking.id;
      },
      // DE's draft engagement of the collection's example (with its one follow-up action, {number} 1).
      "/api/v1/engagements": async () => {
        engagement = await env().context.services.engagements.create(reporter.actor, engagementInput.parse(exampleOf("POST /api/v1/engagements")));
        return engagement.id;
      },
    };

    /** The example of an operation, or a failure naming it. */
    const exampleOf = (key: string): Record<string, unknown> => {
      const op = operations(doc).find((o) => o.key === key);
      expect(op, `${key} is not documented`).toBeDefined();
      const example = op!.operation.requestBody?.content["application/json"]?.example;
      expect(example, `${key} has no request-body example`).toBeDefined();
      return structuredClone(example) as Record<string, unknown>;
    };

    /**
     * A path like /api/v1/incidents/{id}/sources names a record of /api/v1/incidents: create one by
     * sending the collection's own POST example, and return the path with its id filled in.
     */
    const fillPath = async (path: string): Promise<string> => {
      // A post is named by its code: the seeded embassy in Germany.
      if (path === "/api/v1/posts/{code}") return "/api/v1/posts/DE";
      const match = /^(.*?)\/\{id\}/.exec(path);
      if (!match) {
        expect(path, `${path} has a path parameter this test does not know how to fill`).not.toMatch(/\{/);
        return path;
      }
      const collection = match[1]!;
      // A post in a path (a response's) is the seeded embassy in Germany.
      if (makeRecord[collection])
        return path
          .replace("{id}", await makeRecord[collection]())
          .replace("{post}", "DE")
          .replace("{number}", "1");
      const created = await env().request(reporter, { method: "POST", url: collection, json: exampleOf(`POST ${collection}`) });
      expect(created.statusCode, `creating a record for ${path}: ${created.body}`).toBe(201);
      const id = (created.json() as { id: string; version: number }).id;
      expect((created.json() as { version: number }).version, "a PATCH example's version 1 must match a new record").toBe(1);
      const filled = path.replace("{id}", id);
      expect(filled, `${path}: only {id} path parameters are filled by this test`).not.toMatch(/\{/);
      return filled;
    };

    /** Operations whose example cannot be sent word for word: how to make it real, same shape. */
    const realise: Record<string, (example: Record<string, unknown>) => Promise<{ body: Record<string, unknown>; user: TestUser | null }>> = {
      // A notable case links real outcomes of its country, in the example's roles; one is unlinked from DE's notable case.
      "POST /api/v1/notable-cases": async (example) => {
        const ids = await deOutcomes(2);
        const outcomes = (example["outcomes"] as { role: string }[]).map((o, i) => ({ ...o, case_outcome_id: ids[i] }));
        return { body: { ...example, outcomes }, user: reporter };
      },
      "POST /api/v1/notable-cases/{id}/unlink": async (example) => ({ body: { ...example, case_outcome_id: notableOutcomes[2] }, user: reporter }),
      // The example's password is a placeholder: sign in as a real user with the example's keys.
      "POST /api/v1/auth/login": async (example) => {
        const someone = await env().user("analyst");
        const body = { ...example, email: someone.email, password: someone.password };
        expect(Object.keys(body).sort()).toEqual(Object.keys(example).sort());
        return { body, user: null };
      },
      // Freezing a report is for the post's approver (or the bureau); templates for editors and admins.
      "POST /api/v1/reports": async (example) => ({ body: example, user: await env().user("approver", "DE") }),
      "POST /api/v1/reports/templates": async (example) => ({ body: example, user: admin }),
      // Taskings are the editors'; an amendment or a close is of an issued tasking (at version 2).
      "POST /api/v1/taskings": async (example) => ({ body: example, user: await editorOf() }),
      "PATCH /api/v1/taskings/{id}": async (example) => ({ body: example, user: await editorOf() }),
      "POST /api/v1/taskings/{id}/issue": async (example) => ({ body: example, user: await editorOf() }),
      "POST /api/v1/taskings/{id}/amend": async (example) => {
        await issued();
        return { body: example, user: await editorOf() };
      },
      "POST /api/v1/taskings/{id}/close": async (example) => {
        await issued();
        return { body: { ...example, version: 2 }, user: await editorOf() };
      },
      // DE answers an issued tasking, linking a real incident of its own where the example names one...
      "POST /api/v1/taskings/{id}/responses/{post}": async (example) => {
        await issued();
        const incident = await env().request(reporter, { method: "POST", url: "/api/v1/incidents", json: exampleOf("POST /api/v1/incidents") });
        const links = (example["links"] as { requirement: number; kind: string }[]).map((l) => ({ ...l, id: incident.json<{ id: string }>().id }));
        return { body: { ...example, links }, user: reporter };
      },
      // ...and submits the draft response it started.
      "POST /api/v1/taskings/{id}/responses/{post}/transitions": async (example) => {
        const id = await issued();
        await env().context.services.taskings.responses.save(
          reporter.actor,
          id,
          "DE",
          responseInput.parse({ answers: [{ requirement: 1, nothing_to_report: true }] }),
        );
        return { body: example, user: reporter };
      },
      // The bureau marks an accepted engagement notable: DE's, submitted, cleared and accepted (version 4).
      "POST /api/v1/engagements/{id}/notable": async (example) => {
        const { engagements } = env().context.services;
        const approver = await env().user("approver", "DE");
        const analyst = await env().user("analyst");
        let current = await engagements.transition(reporter.actor, engagement!.id, { action: "submit", version: engagement!.version });
        current = await engagements.transition(approver.actor, current.id, { action: "clear", version: current.version });
        current = await engagements.transition(analyst.actor, current.id, { action: "accept", version: current.version });
        return { body: { ...example, version: current.version }, user: analyst };
      },
      // The current password is a placeholder too: a fresh user changes theirs.
      "POST /api/v1/auth/password": async (example) => {
        const someone = await env().user("reporter", "DE");
        return { body: { ...example, current_password: someone.password }, user: someone };
      },
      // The example's code is a placeholder: the code of a real secret, for a sign-in waiting for one...
      "POST /api/v1/auth/second-factor/verify": async () => {
        const someone = await env().user("reporter", "DE");
        const { secret } = await enrolSecondFactor(env(), someone);
        const login = await env().request(null, { method: "POST", url: "/api/v1/auth/login", json: { email: someone.email, password: someone.password } });
        const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!;
        const csrf = login.cookies.find((c) => c.name === CSRF_COOKIE)!;
        return { body: { code: totpCode(secret, 1) }, user: { ...someone, cookie: `${SESSION_COOKIE}=${cookie.value}`, csrf: csrf.value } };
      },
      // ...for an enrolment just started...
      "POST /api/v1/auth/second-factor/enrolment/confirm": async () => {
        const someone = await env().user("reporter", "DE");
        const started = await env().request(someone, { method: "POST", url: "/api/v1/auth/second-factor/enrolment" });
        return { body: { code: totpCode((started.json() as { secret: string }).secret) }, user: someone };
      },
      // ...and for a second factor to turn off.
      "POST /api/v1/auth/second-factor/disable": async () => {
        const someone = await env().user("reporter", "DE");
        const { secret } = await enrolSecondFactor(env(), someone);
        return { body: { code: totpCode(secret, 1) }, user: someone };
      },
    };

    /** Parameters an upload needs besides its file: the case-outcome example's mapping. */
    const UPLOAD_QUERIES: Record<string, string> = {
      "POST /api/v1/case-outcomes/import": `?dry_run=true&mapping=${encodeURIComponent(JSON.stringify(caseOutcomeFileExampleMapping))}`,
    };

    it("then every example is accepted with a 2xx", async () => {
      const withBody = operations(doc).filter((o) => o.operation.requestBody !== undefined);
      expect(withBody.map((o) => o.key)).toContain("POST /api/v1/incidents");
      const failures: string[] = [];
      for (const { key, method, path, operation } of withBody) {
        // A file upload's example is the file itself, sent as it is with its media type.
        const media = exampleMedia(operation)!;
        if (media.mediaType !== "application/json") {
          const response = await env().request(callerFor(operation), {
            method,
            url: (await fillPath(path)) + (UPLOAD_QUERIES[key] ?? ""),
            payload: media.example as string,
            headers: { "content-type": media.mediaType },
          });
          if (response.statusCode < 200 || response.statusCode > 299) failures.push(`${key} → ${response.statusCode} ${response.body}`);
          else
            expect(Object.keys(operation.responses), `${key} answered ${response.statusCode}, which it does not document`).toContain(
              String(response.statusCode),
            );
          continue;
        }
        const example = exampleOf(key);
        const url = await fillPath(path);
        const signedIn = (operation.security ?? []).length > 0;
        const { body, user } = realise[key] ? await realise[key](example) : { body: example, user: signedIn ? callerFor(operation) : null };
        const response = await env().request(user, { method, url, json: body });
        if (response.statusCode < 200 || response.statusCode > 299) {
          failures.push(`${key} → ${response.statusCode} ${response.body}`);
        } else {
          const documented = Object.keys(operation.responses).filter((s) => s.startsWith("2"));
          expect(documented, `${key} answered ${response.statusCode}, which it does not document`).toContain(String(response.statusCode));
        }
      }
      expect(failures, `examples refused:\n${failures.join("\n")}`).toEqual([]);
    });
  });

  it("when any operation is read, then it documents 413, 414 and 431 (answered before routing) in the envelope, and 503 unless it never asks the database", () => {
    const missing: string[] = [];
    for (const { key, operation } of operations(doc)) {
      const statuses = ["413", "414", "431", ...(key === "GET /api/health/live" ? [] : ["503"])];
      for (const status of statuses) {
        const response = operation.responses[status] as { content?: Record<string, { schema: { $ref?: string } }> } | undefined;
        if (response?.content?.["application/json"]?.schema.$ref !== "#/components/schemas/Error") missing.push(`${key} ${status}`);
      }
    }
    expect(missing).toEqual([]);
    expect(Object.keys(doc.paths["/api/health/live"]!["get"]!.responses)).not.toContain("503");
  });

  it("when /api/health is asked, then it answers 200 ok with the database under test and the version", async () => {
    const response = await env().request(null, { method: "GET", url: "/api/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: env().dialect, version: APP_VERSION });
    expect(["sqlite", "postgres"]).toContain(env().dialect);
    expect(APP_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
