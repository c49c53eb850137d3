import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type TestUser } from "../../testing/harness.js";
import { recordIncident, type IncidentFields } from "../../testing/factories.js";
import type { AnalysisCounts } from "./schema.js";

forEachDatabase("analysis counts", (env) => {
  let reporterFr: TestUser;
  let approverFr: TestUser;
  let reporterBe: TestUser;
  let analyst: TestUser;
  let auditor: TestUser;
  let admin: TestUser;

  /** Record an incident as the FR reporter and walk it to `state` through the workflow. */
  async function recorded(state: "draft" | "submitted" | "accepted" | "retracted", fields: IncidentFields) {
    return (await recordIncident(env().context, state, { reporter: reporterFr, approver: approverFr, analyst }, fields)).id;
  }

  const counts = async (user: TestUser | null, query = "") => {
    const response = await env().request(user, { method: "GET", url: `/api/v1/analysis/counts${query ? `?${query}` : ""}` });
    return { status: response.statusCode, body: response.json() as AnalysisCounts };
  };

  beforeAll(async () => {
    reporterFr = await env().user("reporter", "FR");
    approverFr = await env().user("approver", "FR");
    reporterBe = await env().user("reporter", "BE");
    analyst = await env().user("analyst");
    auditor = await env().user("auditor");
    admin = await env().user("admin");
    await recorded("accepted", {
      country: "FR",
      from: "2025-01-10",
      categories: ["SV.RAPE", "SV.ASSAULT"],
      title: "Accepted, two SV subcategories, no groups",
    });
    await recorded("accepted", {
      country: "FR",
      from: "2025-03-05",
      categories: ["HC.VIOLENCE", "VP"],
      groups: [
        { count: 1, migration_status: "citizen_by_birth" },
        { count: 2, migration_status: "asylum_seeker" },
      ],
      title: "Accepted, two categories, two statuses",
    });
    await recorded("accepted", {
      country: "DE",
      from: "2025-03-20",
      categories: ["TIP.SEX"],
      groups: [{ count: 1, migration_status: "irregular" }],
      synthetic: true,
      title: "Accepted synthetic",
    });
    await recorded("draft", { country: "FR", from: "2025-02-01", categories: ["SV"], title: "A draft" });
    await recorded("submitted", { country: "FR", from: "2025-02-02", categories: ["SV"], title: "A submitted record" });
    await recorded("retracted", { country: "FR", from: "2025-02-03", categories: ["SV"], title: "A retracted record" });
  });

  it("when an analyst asks with no filters, then only accepted and published records count, by month, top-level category, country and status", async () => {
    const { status, body } = await counts(analyst);
    expect(status).toBe(200);
    expect(body.basis).toMatchObject({ name: "accepted", states: ["accepted", "published"] });
    expect(body.basis.description).toMatch(/retracted/);
    expect(body.totals).toEqual({ incidents: 3, synthetic: 1, not_placed_by_month: 0 });
    // January to March, February counted as an empty month rather than left out.
    expect(body.by_period).toEqual([
      { period: "2025-01", incidents: 1 },
      { period: "2025-02", incidents: 0 },
      { period: "2025-03", incidents: 2 },
    ]);
    expect(body.by_category).toEqual([
      { category: "HC", incidents: 1 },
      { category: "SV", incidents: 1 }, // SV.RAPE and SV.ASSAULT: one incident under SV
      { category: "TIP", incidents: 1 },
      { category: "VP", incidents: 1 },
    ]);
    expect(body.by_country).toEqual([
      { country: "FR", incidents: 2 },
      { country: "DE", incidents: 1 },
    ]);
    expect(body.dimensions.categories).toEqual(["GR", "HC", "HD", "JS", "SE", "SV", "TIP", "VE", "VP"]);
    // The cube is left out unless asked for.
    expect(body).not.toHaveProperty("cells");
  });

  it("when the cube is asked for with cells=true, then it counts by month, category, country and status, with no row of zeros", async () => {
    const { status, body } = await counts(analyst, "cells=true");
    expect(status).toBe(200);
    expect(body.cells).toContainEqual({ period: "2025-03", category: "HC", country: "FR", migration_status: "asylum_seeker", incidents: 1 });
    expect(body.cells).toContainEqual({ period: "2025-01", category: "SV", country: "FR", migration_status: "unknown", incidents: 1 });
    expect(body.cells!.every((c) => c.incidents > 0)).toBe(true);
  });

  it("when the status breakdown is read, then every status is there with unknown first, and an incident without groups counts as unknown", async () => {
    const { body } = await counts(analyst);
    expect(body.by_migration_status.map((r) => r.migration_status)).toEqual([
      "unknown",
      "citizen_by_birth",
      "citizen_naturalised",
      "eu_efta_national",
      "third_country_resident",
      "asylum_seeker",
      "refugee_or_protected",
      "tolerated_stay",
      "irregular",
    ]);
    const byStatus = Object.fromEntries(body.by_migration_status.map((r) => [r.migration_status, r.incidents]));
    expect(byStatus).toMatchObject({ unknown: 1, citizen_by_birth: 1, asylum_seeker: 1, irregular: 1, refugee_or_protected: 0 });
    expect(body.migration_status).toEqual({ incidents: 3, unknown: 1, unknown_share: 1 / 3 });
    expect(body.counting).toMatch(/counts once under each/);
  });

  it("when filtered by status, then the total follows the filter but the status breakdown still shows unknown", async () => {
    const { body } = await counts(analyst, "migration_status=asylum_seeker");
    expect(body.totals.incidents).toBe(1);
    expect(body.by_country).toEqual([{ country: "FR", incidents: 1 }]);
    expect(body.by_migration_status.find((r) => r.migration_status === "unknown")!.incidents).toBe(1);
    expect(body.migration_status.incidents).toBe(3);
  });

  it("when filtered by parent category, country, period and synthetic, then each filter narrows the counts", async () => {
    expect((await counts(analyst, "category=SV")).body.totals.incidents).toBe(1);
    expect((await counts(analyst, "category=TIP.SEX,HC")).body.totals.incidents).toBe(2);
    // The HC filter keeps the incident filed under HC and VP, but counts it only under HC.
    expect((await counts(analyst, "category=HC")).body.by_category).toEqual([{ category: "HC", incidents: 1 }]);
    expect((await counts(analyst, "country=DE")).body.totals).toEqual({ incidents: 1, synthetic: 1, not_placed_by_month: 0 });
    expect((await counts(analyst, "occurred_from=2025-03-01&occurred_to=2025-03-10")).body.totals.incidents).toBe(1);
    expect((await counts(analyst, "synthetic=false")).body.totals).toEqual({ incidents: 2, synthetic: 0, not_placed_by_month: 0 });
  });

  it("when nothing is counted, then the lists are empty, unknown is still listed and the share is null", async () => {
    const { body } = await counts(analyst, "country=IT");
    expect(body.totals).toEqual({ incidents: 0, synthetic: 0, not_placed_by_month: 0 });
    expect(body.by_period).toEqual([]);
    expect(body.by_migration_status[0]).toEqual({ migration_status: "unknown", incidents: 0 });
    expect(body.migration_status.unknown_share).toBeNull();
  });

  it("when counts are read, then no row carries a rate and the answer points to the rates, which have denominators", async () => {
    const { body } = await counts(analyst);
    expect(body.rates.endpoint).toBe("/api/v1/analysis/rates");
    expect(body.rates.note).toMatch(/population/);
    for (const row of [
      ...(body.cells ?? []),
      ...body.by_country,
      ...body.by_period,
      ...body.by_period_category,
      ...body.by_category,
      ...body.by_migration_status,
    ]) {
      expect(Object.keys(row)).not.toContain("rate_per_100k");
    }
  });

  it("when the basis is `visible`, then a post's reporter counts the post's drafts and reviews but never another post's, and retracted never", async () => {
    const own = await counts(reporterFr, "basis=visible");
    expect(own.body.basis.states).toContain("draft");
    expect(own.body.totals.incidents).toBe(5); // the three accepted (all recorded by post FR), the draft, the submitted record
    expect((await counts(reporterBe, "basis=visible")).body.totals.incidents).toBe(0);
    // The bureau sees what posts submitted, not their drafts.
    expect((await counts(analyst, "basis=visible")).body.totals.incidents).toBe(4);
    expect((await counts(auditor, "basis=visible")).body.totals.incidents).toBe(5);
  });

  it("when an admin or nobody asks, then it is refused", async () => {
    expect((await counts(admin)).status).toBe(403);
    expect((await counts(null)).status).toBe(401);
  });

  it("when the query is wrong, then it answers 400 naming the parameter", async () => {
    const response = await env().request(analyst, { method: "GET", url: "/api/v1/analysis/counts?occurred_from=2025-05-01&occurred_to=2025-04-01&basis=all" });
    expect(response.statusCode).toBe(400);
    const paths = (response.json() as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["query.basis"]));
  });

  // Last, in a year no other test counts: it records what it reads.
  it("when an incident is dated only to the year, then it counts in the totals but in no month, and the answer says so", async () => {
    await recorded("accepted", { country: "FR", from: "2016-01-01", to: "2016-12-31", precision: "year", categories: ["SV"], title: "Known only to the year" });
    await recorded("accepted", { country: "FR", from: "2016-03-04", categories: ["SV"], title: "Dated to the day" });
    const { body } = await counts(analyst, "occurred_from=2016-01-01&occurred_to=2016-12-31");
    expect(body.totals).toEqual({ incidents: 2, synthetic: 0, not_placed_by_month: 1 });
    expect(body.by_country).toEqual([{ country: "FR", incidents: 2 }]);
    // Not put in January: only the incident of March is in a month.
    expect(body.by_period).toEqual([{ period: "2016-03", incidents: 1 }]);
  });
});
