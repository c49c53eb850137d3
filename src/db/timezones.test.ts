// Dates are YYYY-MM-DD strings end to end. Under a host time zone far east (Auckland, UTC+13 in
// January) or far west (Los Angeles, UTC-8), nothing may shift a date by a day: not the driver,
// not the presenter, not a filter.
import { afterAll, expect, it } from "vitest";
import { forEachDatabase } from "../testing/harness.js";
import type { IncidentOutput } from "../modules/incidents/schema.js";

const originalTz = process.env["TZ"];
afterAll(() => {
  if (originalTz === undefined) delete process.env["TZ"];
  else process.env["TZ"] = originalTz;
});

// Dates around year ends, month ends and both hemispheres' daylight-saving changes.
const DATES = ["2024-12-31", "2025-01-01", "2025-03-09", "2025-03-30", "2025-04-06", "2025-09-28", "2025-10-26", "2024-02-29"];

for (const tz of ["Pacific/Auckland", "America/Los_Angeles"]) {
  forEachDatabase(`dates under TZ=${tz}`, (env) => {
    it("when incidents are stored and read back, then every date is the date that was sent", async () => {
      process.env["TZ"] = tz;
      // Node applies a changed TZ at once; prove it before trusting the test.
      expect(new Date(Date.UTC(2025, 0, 1)).getTimezoneOffset()).toBe(tz === "Pacific/Auckland" ? -780 : 480);

      const analyst = await env().user("analyst");
      for (const date of DATES) {
        const response = await env().request(analyst, {
          method: "POST",
          url: "/api/v1/incidents",
          json: {
            post: "NZ",
            country: "NZ",
            occurred: { from: date, precision: "day" },
            reported_date: date,
            categories: ["GR"],
            title: `Statement dated ${date}`,
            sources: [{ kind: "official_statistics", publisher: "Stats", title: `Release ${date}`, published_date: date, reliability: "A", credibility: 1 }],
          },
        });
        expect(response.statusCode, response.body).toBe(201);
        const created = response.json<IncidentOutput>();
        expect([created.occurred.from, created.occurred.to, created.reported_date, created.sources[0]!.published_date]).toEqual([date, date, date, date]);

        const stored = await env()
          .context.db.selectFrom("incidents")
          .select(["occurred_from", "reported_date"])
          .where("id", "=", created.id)
          .executeTakeFirstOrThrow();
        expect(stored).toEqual({ occurred_from: date, reported_date: date });

        const filtered = await env().request(analyst, { method: "GET", url: `/api/v1/incidents?country=NZ&occurred_from=${date}&occurred_to=${date}` });
        expect(filtered.json<{ items: IncidentOutput[] }>().items.map((i) => i.id)).toEqual([created.id]);
      }
      expect(process.env["TZ"]).toBe(tz);
    });
  });
}
