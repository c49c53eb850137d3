import { describe, expect, it } from "vitest";
import type { AnalysisCounts } from "../../api/types.js";
import { filtersFromQuery } from "../../lib/incident-query.js";
import { dashboardFiltersOf, dashboardHref, drillDownHref, ratesQueryOf } from "./dashboard-query.js";

const counts = { basis: { name: "accepted", states: ["accepted", "published"], description: "" } } as unknown as AnalysisCounts;
const listFilters = (href: string) => filtersFromQuery(new URL(href, "http://x").searchParams);

describe("the dashboard's drill-down to the incident list", () => {
  it("when the dashboard is filtered by migration status, then a country's drill-down keeps that filter", () => {
    const filters = dashboardFiltersOf(new URLSearchParams("migration_status=unknown,irregular&category=SV&synthetic=false"));
    const list = listFilters(drillDownHref(filters, counts, { country: "DE" }));
    expect(list.migration_status).toEqual(["unknown", "irregular"]);
    expect(list.country).toEqual(["DE"]);
    expect(list.category).toEqual(["SV"]);
    expect(list.state).toEqual(["accepted", "published"]);
    expect(list.synthetic).toBe(false);
  });

  it("when a month and category is drilled into, then the period is the month within the dashboard's own period", () => {
    const filters = dashboardFiltersOf(new URLSearchParams("occurred_from=2025-06-10&migration_status=refugee_or_protected"));
    const list = listFilters(drillDownHref(filters, counts, { period: "2025-06", category: "HC" }));
    expect([list.occurred_from, list.occurred_to]).toEqual(["2025-06-10", "2025-06-30"]);
    expect(list.category).toEqual(["HC"]);
    expect(list.migration_status).toEqual(["refugee_or_protected"]);
  });

  it("when a row of the status table is drilled into, then the list shows that status alone, whatever the dashboard's status filter", () => {
    const filters = dashboardFiltersOf(new URLSearchParams("migration_status=irregular&country=FR"));
    const list = listFilters(drillDownHref(filters, counts, { migration_status: "unknown" }));
    expect(list.migration_status).toEqual(["unknown"]);
    expect(list.country).toEqual(["FR"]);
  });
});

describe("the dashboard's rate view in the URL", () => {
  it("when the rate view and a year are chosen, then both survive the URL, and the count view drops the year", () => {
    const filters = dashboardFiltersOf(new URLSearchParams("measure=rate&year=2022&country=AT"));
    expect([filters.measure, filters.year]).toEqual(["rate", "2022"]);
    expect(dashboardHref(filters)).toBe("/?country=AT&measure=rate&year=2022");
    expect(dashboardHref({ ...filters, measure: "count" })).toBe("/?country=AT");
    expect(dashboardFiltersOf(new URLSearchParams("measure=rates&year=22")).measure).toBe("count");
  });

  it("when a rate's bar is drilled into, then the list shows that year within the dashboard's period, and a group opens its statuses", () => {
    const filters = dashboardFiltersOf(new URLSearchParams("occurred_from=2021-03-01&measure=rate"));
    const year = listFilters(drillDownHref(filters, counts, { year: "2021", category: "SV" }));
    expect([year.occurred_from, year.occurred_to, year.category]).toEqual(["2021-03-01", "2021-12-31", ["SV"]]);
    const group = listFilters(drillDownHref(filters, counts, { year: "2022", migration_status: ["citizen_by_birth", "citizen_naturalised"] }));
    expect(group.migration_status).toEqual(["citizen_by_birth", "citizen_naturalised"]);
  });

  it("when the rates are asked for, then the migration-status filter is left to the counts", () => {
    const query = ratesQueryOf(dashboardFiltersOf(new URLSearchParams("migration_status=irregular&category=SV&measure=rate")));
    expect(query).toEqual({
      occurred_from: undefined,
      occurred_to: undefined,
      country: [],
      category: ["SV"],
      synthetic: undefined,
      basis: "accepted",
      granularity: "year",
    });
  });
});
