// The typed client: a route key and its parts make the request the server's declaration expects (the
// path filled in and encoded, the query as text, JSON or a file as the body, the CSRF token on a
// change), and the calls the route table forbids do not type-check (`npm run typecheck` runs over
// this file: each @ts-expect-error fails the check if its call ever becomes acceptable).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CSRF_COOKIE, CSRF_HEADER } from "../../http/cookies.js";
import { api, ApiError, apiUrl, RawBody } from "./client.js";
import { API_PREFIX } from "./routes.js";

describe("apiUrl", () => {
  it("when a route has path parameters and a query, then they are filled in, encoded, and lists joined with commas", () => {
    expect(apiUrl("GET /reports/:id/versions/:version/download", { params: { id: "a b/c", version: 2 }, query: { format: "pdf" } })).toBe(
      `${API_PREFIX}/reports/a%20b%2Fc/versions/2/download?format=pdf`,
    );
    expect(apiUrl("GET /incidents", { query: { country: ["DE", "FR"], synthetic: false, q: "" } })).toBe(
      `${API_PREFIX}/incidents?country=DE%2CFR&synthetic=false`,
    );
    expect(apiUrl("GET /auth/me")).toBe(`${API_PREFIX}/auth/me`);
  });

  it("when a path parameter is missing, then the URL is not built", () => {
    // @ts-expect-error: the route's path parameter is missing.
    expect(() => apiUrl("GET /incidents/:id")).toThrow(/parameter id is missing/);
  });
});

// Never called: these calls are here for the type checker, which must refuse each of them.
// biome-ignore lint/suspicious/noExportsInTest: exported only so that noUnusedLocals keeps the never-called function
export function callsTheRouteTableRefuses() {
  // @ts-expect-error: no such route.
  void api("GET /incident/:id", { params: { id: "x" } });
  // @ts-expect-error: a state the workflow does not have.
  void api("GET /incidents", { query: { state: ["pending"] } });
  // @ts-expect-error: a comment's body is { body: string }.
  void api("POST /incidents/:id/comments", { params: { id: "x" }, body: { text: "hello" } });
  // @ts-expect-error: this route takes a file, not JSON.
  void api("POST /stats/imports", { query: { format: "auto" }, body: { rows: [] } });
  // @ts-expect-error: a report version's number is a number.
  void api("GET /reports/:id/versions/:version", { params: { id: "x", version: [1] } });
}

describe("api", () => {
  const calls: { url: string; init: RequestInit }[] = [];
  let answer: Response;
  beforeEach(() => {
    calls.length = 0;
    vi.stubGlobal("document", { cookie: `other=1; ${CSRF_COOKIE}=token%2F1` });
    vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return answer;
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("when a change is sent, then it goes as JSON to the route's path with the session's CSRF token, and the answer is returned", async () => {
    answer = new Response(JSON.stringify({ id: "c1", body: "Is there a court reference?" }), { status: 201 });
    const comment = await api("POST /incidents/:id/comments", { params: { id: "i1" }, body: { body: "Is there a court reference?" } });
    expect(comment.body).toBe("Is there a court reference?");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${API_PREFIX}/incidents/i1/comments`);
    expect(calls[0]!.init.method).toBe("POST");
    expect(calls[0]!.init.headers).toMatchObject({ "content-type": "application/json", [CSRF_HEADER]: "token/1" });
    expect(calls[0]!.init.body).toBe(JSON.stringify({ body: "Is there a court reference?" }));
  });

  it("when a read is sent, then it carries no CSRF token and no body", async () => {
    answer = new Response(JSON.stringify({ items: [] }), { status: 200 });
    await api("GET /countries");
    expect(calls[0]!.init.method).toBe("GET");
    expect(calls[0]!.init.headers).not.toHaveProperty(CSRF_HEADER);
    expect(calls[0]!.init.body).toBeUndefined();
  });

  it("when a file is uploaded, then it is the body as it is, with its own media type", async () => {
    answer = new Response("{}", { status: 201 });
    const file = new Blob(["a,b\n1,2\n"]);
    await api("POST /stats/imports", { query: { format: "auto", filename: "x.csv" }, body: new RawBody(file, "text/csv") });
    expect(calls[0]!.url).toBe(`${API_PREFIX}/stats/imports?format=auto&filename=x.csv`);
    expect(calls[0]!.init.body).toBe(file);
    expect(calls[0]!.init.headers).toMatchObject({ "content-type": "text/csv" });
  });

  it("when the server refuses, then the ApiError carries its code, message and field issues", async () => {
    answer = new Response(
      JSON.stringify({ error: { code: "validation_failed", message: "Check the fields.", issues: [{ path: "body.body", message: "is required" }] } }),
      { status: 400 },
    );
    const failure = await api("POST /incidents/:id/comments", { params: { id: "i1" }, body: { body: "" } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      status: 400,
      code: "validation_failed",
      message: "Check the fields.",
      issues: [{ path: "body.body", message: "is required" }],
    });
  });
});
