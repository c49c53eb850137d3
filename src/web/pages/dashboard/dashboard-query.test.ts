import { describe, expect, it } from "vitest";
import type { AnalysisCounts } from "../../api/types.js";
import { filtersFromQuery } from "../../lib/incident-query.js";
import { dashboardFiltersOf, drillDownHref } from "./dashboard-query.js";

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
