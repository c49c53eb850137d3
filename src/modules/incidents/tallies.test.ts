// The incidents' tallies stay what a rebuild from the stored incidents would make, through every
// kind of write: records created in batches and one by one, in every workflow state, across posts
// and countries, with windows inside a month and across months, dates pinned and loose, synthetic
// or not, several categories and subcategories, perpetrator groups of several statuses or none; then
// edited (categories, groups, dates, country), and moved along the workflow.
import { beforeAll, expect, it } from "vitest";
import { deskOf, incidentInputOf, recordIncident, type Desk } from "../../testing/factories.js";
import { forEachDatabase } from "../../testing/harness.js";
import { recountedTallies, storedTallies, TALLY_KEY } from "./tallies-repo.js";

/** Rows in key order with plain values, so both lists compare whatever the driver gave back. */
function normalised(rows: readonly Record<string, unknown>[]) {
  const plain = rows
    .map((r) => ({
      ...Object.fromEntries(TALLY_KEY.map((k) => [k, k === "pinned" || k === "synthetic" ? Boolean(r[k]) : String(r[k])])),
      incidents: Number(r["incidents"]),
    }))
    .filter((r) => r.incidents !== 0);
  const key = (r: Record<string, unknown>) => JSON.stringify(TALLY_KEY.map((k) => r[k]));
  return plain.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

forEachDatabase("the incidents' tallies", (env) => {
  let de: Desk;
  let fr: Desk;
  const check = async (after: string) => {
    const db = env().context.db;
    expect(normalised(await storedTallies(db)), `after ${after}`).toEqual(normalised(await recountedTallies(db)));
  };

  beforeAll(async () => {
    de = await deskOf(env(), "DE");
    fr = await deskOf(env(), "FR", { analyst: de.analyst, editor: de.editor });
  });

  it("when incidents are created in a batch, then the tallies hold each of them once per facet", async () => {
    await env().context.services.incidents.createIncidents(de.reporter.actor, [
      incidentInputOf({ categories: ["SV.ASSAULT"], groups: [{ migration_status: "citizen_by_birth", count: 2 }] }),
      incidentInputOf({ categories: ["SV.ASSAULT", "HC"], from: "2025-03-05", groups: [] }),
      incidentInputOf({ from: "2025-03-31", to: "2025-04-06", precision: "week", synthetic: true }),
      incidentInputOf({ from: "2025-01-01", to: "2025-12-31", precision: "year" }),
      incidentInputOf({
        categories: ["HC"],
        groups: [
          { migration_status: "asylum_seeker", count: 1 },
          { migration_status: "unknown", count: 1 },
          { migration_status: "asylum_seeker", count: 3 },
        ],
      }),
    ]);
    await check("a batch");
    const all = await env()
      .context.db.selectFrom("incident_tallies")
      .select((eb) => eb.fn.sum<number>("incidents").as("n"))
      .where("facet", "=", "groups")
      .executeTakeFirstOrThrow();
    expect(Number(all.n)).toBeGreaterThanOrEqual(5);
  });

  it("when records are taken through every workflow state at two posts, then the tallies follow each step", async () => {
    for (const state of ["draft", "submitted", "returned", "cleared", "accepted", "published", "retracted"] as const) {
      await recordIncident(env().context, state, de, { categories: ["SV.ASSAULT", "SV"], groups: [{ migration_status: "citizen_by_birth", count: 1 }] });
      await recordIncident(env().context, state, fr, { country: "FR", from: "2025-06-30", to: "2025-07-06", precision: "week" });
      await check(`records taken to ${state}`);
    }
  });

  it("when a draft's categories, groups, dates and country are edited, then its old part leaves the tallies and its new part joins them", async () => {
    const { incidents } = env().context.services;
    const record = await recordIncident(env().context, "draft", de, { categories: ["HC"], groups: [{ migration_status: "citizen_by_birth", count: 1 }] });
    const edits = [
      { categories: ["SV.ASSAULT", "HC"] },
      { perpetrators: { count: 2, groups: [{ migration_status: "asylum_seeker", count: 2, nationality: null }] } },
      { perpetrators: { count: null, groups: [] } },
      { occurred: { from: "2024-11-01", to: "2025-01-31", precision: "month" } },
      { occurred: { from: "2024-11-20", precision: "day" } },
      { country: "AT" },
      { synthetic: true },
    ];
    let version = record.version;
    for (const edit of edits) {
      const saved = await incidents.updateIncident(de.reporter.actor, record.id, { version, ...edit } as never);
      version = saved.version;
      await check(`an edit of ${Object.keys(edit).join(", ")}`);
    }
  });

  it("when an edit is refused for a stale version, then the tallies are as they were", async () => {
    const { incidents } = env().context.services;
    const record = await recordIncident(env().context, "draft", de, { categories: ["HC"] });
    const before = normalised(await storedTallies(env().context.db));
    await expect(
      incidents.updateIncident(de.reporter.actor, record.id, { version: record.version + 5, categories: ["SV.ASSAULT"] } as never),
    ).rejects.toThrow();
    expect(normalised(await storedTallies(env().context.db))).toEqual(before);
    await check("a refused edit");
  });
});
