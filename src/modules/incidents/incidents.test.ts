import { beforeAll, expect, it } from "vitest";
import { auditEventsFor } from "../audit/audit.js";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { incidentFields, type IncidentFields } from "../../testing/factories.js";
import { incidentExample } from "./schema.js";
import type { IncidentOutput } from "./schema.js";

const source = (title: string) => ({
  kind: "police_or_prosecutor_statement",
  publisher: "Landespolizei",
  title,
  url: "https://police.example.org/statement/1",
  language: "de",
  published_date: "2025-03-02",
  reliability: "A",
  credibility: 2,
});

/** The record most tests here start from: one assault, one police statement. */
const TRAM_STOP: IncidentFields = {
  country: "DE",
  from: "2025-03-01",
  categories: ["SV.ASSAULT"],
  title: "Assault on a woman near a tram stop",
  summary: "Police statement on an assault late at night.",
  sources: [source("Police statement on tram stop assault")],
};

forEachDatabase("incidents", (env) => {
  let reporter: TestUser;
  let analyst: TestUser;

  const create = async (user: TestUser, body: unknown) => {
    const response = await env().request(user, { method: "POST", url: "/api/v1/incidents", json: body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<IncidentOutput>();
  };

  // Made once for the file, before any test: each test must pass alone (`-t`), so none may rely on
  // another having signed a user in.
  beforeAll(async () => {
    reporter = await env().user("reporter", "DE");
    analyst = await env().user("analyst");
  });

  it("when a reporter records an incident with a source, then it reads back whole, as a draft of their post", async () => {
    const created = await create(reporter, incidentFields(TRAM_STOP, { victims: { count: 2, minors: 1, female: 2 } }));
    expect(created).toMatchObject({
      post: "DE",
      country: "DE",
      state: "draft",
      version: 1,
      synthetic: false,
      handling_marking: "SBU",
      occurred: { from: "2025-03-01", to: "2025-03-01", precision: "day" },
      victims: { count: 2, minors: 1, female: 2, male: null, sex_unknown: null },
      perpetrators: { count: null, groups: [] },
      verification_status: "unverified",
      legal_status: "reported",
      created_by: reporter.actor.id,
    });
    expect(created.sources).toHaveLength(1);
    expect(created.sources[0]).toMatchObject({ reliability: "A", credibility: 2, kind: "police_or_prosecutor_statement" });

    const read = await env().request(reporter, { method: "GET", url: `/api/v1/incidents/${created.id}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(created);
  });

  it("when an incident is created, then an audit event with the record is written", async () => {
    const created = await create(reporter, incidentFields(TRAM_STOP, { title: "Audited incident" }));
    const events = await auditEventsFor(env().context.db, "incident", created.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "incident.create", actor_user_id: reporter.actor.id, before: null });
    expect((events[0]!.after as { title: string }).title).toBe("Audited incident");
    const sourceEvents = await auditEventsFor(env().context.db, "source", created.sources[0]!.id);
    expect(sourceEvents.map((e) => e.action)).toEqual(["source.create"]);
  });

  it("when a bureau user names a post, then the incident belongs to it; a post user cannot name another post", async () => {
    const forIreland = await create(analyst, incidentFields(TRAM_STOP, { country: "IE", post: "IE" }));
    expect(forIreland.post).toBe("IE");
    const refused = await env().request(reporter, { method: "POST", url: "/api/v1/incidents", json: incidentFields(TRAM_STOP, { post: "FR" }) });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.issues).toContainEqual({ path: "body.post", message: expect.stringContaining("bureau") });
  });

  it("when perpetrators are recorded as eu_efta_national outside the EU and EFTA, then it is refused", async () => {
    const body = incidentFields(TRAM_STOP, {
      country: "CA",
      perpetrators: { count: 1, groups: [{ count: 1, migration_status: "eu_efta_national", basis: "court_record" }] },
    });
    const response = await env().request(analyst, { method: "POST", url: "/api/v1/incidents", json: { ...body, post: "CA" } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues[0].path).toBe("body.perpetrators.groups.0.migration_status");
  });

  it("when an existing source is cited by id, then both incidents share it", async () => {
    const first = await create(reporter, incidentFields(TRAM_STOP, { title: "First of two incidents citing one source" }));
    const sourceId = first.sources[0]!.id;
    const second = await create(reporter, incidentFields(TRAM_STOP, { title: "Second incident citing the same source", sources: [{ source_id: sourceId }] }));
    expect(second.sources.map((s) => s.id)).toEqual([sourceId]);
    const unknown = await env().request(reporter, {
      method: "POST",
      url: "/api/v1/incidents",
      json: incidentFields(TRAM_STOP, { sources: [{ source_id: "01900000-0000-7000-8000-000000000000" }] }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues[0].path).toBe("body.sources.0.source_id");
  });

  it("when a source is attached to an incident, then it is listed and searchable, and attaching it again changes nothing", async () => {
    const created = await create(reporter, incidentFields(TRAM_STOP, { title: "Incident that gains a source later", sources: [] }));
    const attached = await env().request(reporter, {
      method: "POST",
      url: `/api/v1/incidents/${created.id}/sources`,
      json: source("Kammergericht ruling on the Zebrafinch case"),
    });
    expect(attached.statusCode, attached.body).toBe(200);
    const withSource = attached.json<IncidentOutput>();
    expect(withSource.sources).toHaveLength(1);
    const again = await env().request(reporter, {
      method: "POST",
      url: `/api/v1/incidents/${created.id}/sources`,
      json: { source_id: withSource.sources[0]!.id },
    });
    expect(again.json<IncidentOutput>().sources).toHaveLength(1);
    const found = await env().request(reporter, { method: "GET", url: "/api/v1/incidents?q=zebrafinch" });
    expect(found.json<{ items: IncidentOutput[] }>().items.map((i) => i.id)).toEqual([created.id]);
  });

  it("when an incident is updated with the current version, then it changes, the version rises and the change is audited", async () => {
    const created = await create(reporter, incidentFields(TRAM_STOP, { title: "Incident to be corrected" }));
    const response = await env().request(reporter, {
      method: "PATCH",
      url: `/api/v1/incidents/${created.id}`,
      json: { version: 1, verification_status: "corroborated", categories: ["SV.RAPE", "TIP.SEX"] },
    });
    expect(response.statusCode, response.body).toBe(200);
    const updated = response.json<IncidentOutput>();
    expect(updated).toMatchObject({ version: 2, verification_status: "corroborated", categories: ["SV.RAPE", "TIP.SEX"], title: "Incident to be corrected" });
    const events = await auditEventsFor(env().context.db, "incident", created.id);
    expect(events.map((e) => e.action)).toEqual(["incident.create", "incident.update"]);
    expect(events[1]!.before).toMatchObject({ version: 1, verification_status: "unverified" });
    expect(events[1]!.after).toMatchObject({ version: 2, verification_status: "corroborated" });
  });

  it("when an update carries a stale version, then it gets 409 and nothing changes", async () => {
    const created = await create(reporter, incidentFields(TRAM_STOP, { title: "Incident edited by two people" }));
    const first = await env().request(reporter, {
      method: "PATCH",
      url: `/api/v1/incidents/${created.id}`,
      json: { version: 1, title: "First editor's title" },
    });
    expect(first.statusCode).toBe(200);
    const colleague = await env().user("reporter", "DE");
    const second = await env().request(colleague, {
      method: "PATCH",
      url: `/api/v1/incidents/${created.id}`,
      json: { version: 1, title: "Second editor's title" },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: "version_conflict", current_version: 2, issues: [] });
    const read = await env().request(reporter, { method: "GET", url: `/api/v1/incidents/${created.id}` });
    expect(read.json()).toMatchObject({ title: "First editor's title", version: 2 });
    expect(await auditEventsFor(env().context.db, "incident", created.id)).toHaveLength(2);
  });

  it("when a patch makes the whole inconsistent, then it is refused with the field named", async () => {
    const created = await create(reporter, incidentFields(TRAM_STOP, { title: "Incident with victims", victims: { count: 3, minors: 2 } }));
    const response = await env().request(reporter, {
      method: "PATCH",
      url: `/api/v1/incidents/${created.id}`,
      json: { version: 1, victims: { count: 1, minors: 2 } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toContainEqual({ path: "body.victims.minors", message: "must not exceed victims.count" });
    const precision = await env().request(reporter, {
      method: "PATCH",
      url: `/api/v1/incidents/${created.id}`,
      json: { version: 1, occurred: { from: "2025-03-05", precision: "month" } },
    });
    expect(precision.statusCode).toBe(400);
    expect(precision.json().error.issues[0].path).toBe("body.occurred.precision");
  });

  it("when incidents are listed with filters, then only matching ones come back", async () => {
    const fr = await create(
      analyst,
      incidentFields(TRAM_STOP, {
        post: "FR",
        country: "FR",
        categories: ["HC.VIOLENCE"],
        bias_motivations: ["antisemitic"],
        occurred: { from: "2024-05-01", to: "2024-05-31", precision: "month" },
        title: "Antisemitic attack on a synagogue visitor",
      }),
    );
    const se = await create(
      analyst,
      incidentFields(TRAM_STOP, { post: "SE", country: "SE", categories: ["TIP.LABOUR"], synthetic: true, title: "Forced labour on a berry farm" }),
    );
    const list = async (query: string) => {
      const response = await env().request(analyst, { method: "GET", url: `/api/v1/incidents?${query}` });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ items: IncidentOutput[] }>().items.map((i) => i.id);
    };
    expect(await list("country=FR")).toEqual([fr.id]);
    expect(await list("country=FR,SE&sort=-created")).toEqual([se.id, fr.id]);
    expect(await list("post=SE")).toEqual([se.id]);
    expect(await list("category=HC")).toEqual([fr.id]); // a parent matches its subcategories
    expect(await list("category=TIP.LABOUR")).toEqual([se.id]);
    expect(await list("synthetic=true")).toEqual([se.id]);
    expect(await list("synthetic=false&country=SE")).toEqual([]);
    expect(await list("country=FR&occurred_from=2024-05-20&occurred_to=2024-06-10")).toEqual([fr.id]); // windows overlap
    expect(await list("country=FR&occurred_from=2024-06-01")).toEqual([]);
    expect(await list("q=synagogue")).toEqual([fr.id]);
    expect(await list("q=synag")).toEqual([fr.id]); // prefix
    expect(await list("q=berry%20farm")).toEqual([se.id]);
    expect(await list("q=berry%20synagogue")).toEqual([]); // every word must match
    expect(await list("q=%3C%2F%3E")).toEqual([]); // no words at all matches nothing
    expect(await list(`number=${se.number}`)).toEqual([se.id]); // its No., as a response's link picker finds it
    expect(await list(`number=${se.number}&post=FR`)).toEqual([]); // with the other filters
    expect(await list(`number=${fr.number}&q=synagogue`)).toEqual([fr.id]);
    // Both databases index the same words: markup and host names are split the same way.
    const marked = await create(analyst, incidentFields(TRAM_STOP, { post: "LU", country: "LU", title: "<b>Claims</b> repeated at news.example.org" }));
    expect(await list("q=example")).toEqual([marked.id]);
    expect(await list("q=claims%20b")).toEqual([marked.id]);
  });

  it("when a long list is paged with the cursor, then every incident comes exactly once, in order", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(
        (
          await create(
            analyst,
            incidentFields(TRAM_STOP, { post: "MT", country: "MT", title: `Paged incident ${i}`, occurred: { from: `2025-01-0${i + 1}`, precision: "day" } }),
          )
        ).id,
      );
    }
    for (const [sort, expected] of [
      ["-created", [...ids].reverse()],
      ["created", ids],
      ["-occurred", [...ids].reverse()],
      ["occurred", ids],
    ] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/incidents?country=MT&limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ""}`;
        const page = (await env().request(analyst, { method: "GET", url })).json<{ items: IncidentOutput[]; next_cursor: string | null }>();
        seen.push(...page.items.map((i) => i.id));
        cursor = page.next_cursor;
      } while (cursor);
      expect(seen, sort).toEqual(expected);
    }
    const wrongSort = (await env().request(analyst, { method: "GET", url: `/api/v1/incidents?country=MT&limit=3&sort=-created` })).json().next_cursor;
    const misuse = await env().request(analyst, { method: "GET", url: `/api/v1/incidents?sort=occurred&cursor=${wrongSort}` });
    expect(misuse.statusCode).toBe(400);
  });

  it("when a source's title is corrected, then incidents citing it are found by the new title", async () => {
    const created = await create(reporter, incidentFields(TRAM_STOP, { title: "Incident whose source is renamed", sources: [source("Original headline")] }));
    const sourceId = created.sources[0]!.id;
    const patched = await env().request(reporter, {
      method: "PATCH",
      url: `/api/v1/sources/${sourceId}`,
      json: { version: 1, title: "Corrected headline about quokkas" },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ version: 2, title: "Corrected headline about quokkas" });
    const found = await env().request(reporter, { method: "GET", url: "/api/v1/incidents?q=quokkas" });
    expect(found.json<{ items: IncidentOutput[] }>().items.map((i) => i.id)).toEqual([created.id]);
    const stale = await env().request(reporter, { method: "PATCH", url: `/api/v1/sources/${sourceId}`, json: { version: 1, title: "Late edit" } });
    expect(stale.statusCode).toBe(409);
  });

  it("when sources are searched with LIKE wildcards, then they match literally on both databases", async () => {
    await create(reporter, incidentFields(TRAM_STOP, { title: "Incident with a percent source", sources: [source("Crime up 100% in survey_2025")] }));
    const find = async (q: string) =>
      (await env().request(reporter, { method: "GET", url: `/api/v1/sources?q=${encodeURIComponent(q)}` }))
        .json<{ items: { title: string }[] }>()
        .items.map((s) => s.title);
    expect(await find("100%")).toEqual(["Crime up 100% in survey_2025"]);
    expect(await find("survey_2")).toEqual(["Crime up 100% in survey_2025"]);
    expect(await find("10%5")).toEqual([]);
    expect(await find("survey_20255")).toEqual([]);
  });

  it("when sources are cited in an order, then they come back in that order, and an attached one comes last", async () => {
    const titles = ["Zulu report", "Alpha report", "Mike report"];
    const created = await create(reporter, incidentFields(TRAM_STOP, { title: "Incident with ordered sources", sources: titles.map(source) }));
    expect(created.sources.map((s) => s.title)).toEqual(titles);
    const attached = await env().request(reporter, { method: "POST", url: `/api/v1/incidents/${created.id}/sources`, json: source("Bravo report") });
    expect(attached.json<IncidentOutput>().sources.map((s) => s.title)).toEqual([...titles, "Bravo report"]);
  });

  it("when incidents are filtered by verification and by perpetrators' migration status, then unknown includes records with no group", async () => {
    const known = await create(
      reporter,
      incidentFields(TRAM_STOP, {
        title: "Status filter: asylum seeker",
        verification_status: "corroborated",
        perpetrators: { count: 1, groups: [{ count: 1, migration_status: "asylum_seeker", basis: "court_record" }] },
      }),
    );
    const unknownGroup = await create(
      reporter,
      incidentFields(TRAM_STOP, { title: "Status filter: unknown group", perpetrators: { count: 1, groups: [{ count: 1, migration_status: "unknown" }] } }),
    );
    const noGroup = await create(reporter, incidentFields(TRAM_STOP, { title: "Status filter: no group" }));
    const ids = async (query: string) =>
      (await env().request(reporter, { method: "GET", url: `/api/v1/incidents?q=status%20filter&${query}` }))
        .json<{ items: IncidentOutput[] }>()
        .items.map((i) => i.id)
        .sort();
    expect(await ids("migration_status=asylum_seeker")).toEqual([known.id]);
    expect(await ids("migration_status=unknown")).toEqual([unknownGroup.id, noGroup.id].sort());
    expect(await ids("migration_status=asylum_seeker,unknown")).toEqual([known.id, unknownGroup.id, noGroup.id].sort());
    expect(await ids("verification_status=corroborated")).toEqual([known.id]);
  });

  it("when nobody is signed in, then incident routes answer 401", async () => {
    for (const [method, url] of [
      ["GET", "/api/v1/incidents"],
      ["POST", "/api/v1/incidents"],
      ["GET", "/api/v1/sources"],
    ] as const) {
      const response = await env().request(null, { method, url, ...(method === "POST" ? { json: incidentExample } : {}) });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe("unauthenticated");
    }
  });
});
