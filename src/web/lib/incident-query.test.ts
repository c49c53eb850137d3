import { describe, expect, it } from "vitest";
import { activeFilterCount, filtersFromQuery, incidentListHref } from "./incident-query.js";

describe("the incident list's filters in the URL", () => {
  it("when the URL names verification and migration statuses, then they are read back and written out the same way", () => {
    const filters = filtersFromQuery(
      new URLSearchParams("country=DE&verification_status=corroborated,disputed&migration_status=unknown,asylum_seeker&sort=occurred"),
    );
    expect(filters.verification_status).toEqual(["corroborated", "disputed"]);
    expect(filters.migration_status).toEqual(["unknown", "asylum_seeker"]);
    const href = incidentListHref(filters);
    expect(href).toBe("/incidents?country=DE&verification_status=corroborated%2Cdisputed&migration_status=unknown%2Casylum_seeker&sort=occurred");
    expect(filtersFromQuery(new URL(href, "http://x").searchParams)).toEqual(filters);
  });

  it("when a hand-edited URL holds a status that does not exist, then it is dropped rather than sent to the API", () => {
    const filters = filtersFromQuery(new URLSearchParams("verification_status=true,unverified&migration_status=alien"));
    expect(filters.verification_status).toEqual(["unverified"]);
    expect(filters.migration_status).toEqual([]);
  });

  it("when facets and single filters are set, then each facet counts once however many values it has", () => {
    expect(activeFilterCount(filtersFromQuery(new URLSearchParams("")))).toBe(0);
    expect(activeFilterCount(filtersFromQuery(new URLSearchParams("sort=occurred")))).toBe(0);
    expect(activeFilterCount(filtersFromQuery(new URLSearchParams("migration_status=unknown,irregular&q=tram&synthetic=false")))).toBe(3);
  });
});
