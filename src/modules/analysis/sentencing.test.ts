// The sentencing comparison through GET /api/v1/analysis/sentencing, on each database, for a
// constructed case whose statistics were worked out independently of this code:
//   U, σ and the p-value: scipy.stats.mannwhitneyu(citizens, foreign) by SciPy's documented
//   algorithm (two-sided, method "auto" → "asymptotic" since both groups exceed 8 and values are
//   tied; tie and continuity correction), computed in fractions and mpmath at 50 digits by
//   docs/reference/mannwhitneyu.py (SciPy itself is not installed here). By hand: n₁n₂ = 110,
//   U = 76.5, σ² = 110/12 · (22 − Σ(t³ − t)/(21 · 20)) = 4213/21 with ties 6,6 / 8,8 / 10,10 /
//   12,12,12 / 18,18 (Σ = 6·4 + 24 = 48), z = (76.5 − 55 − 0.5)/√(4213/21) = 1.48262…,
//   p = 2Φ(−z) = 0.13817235264500121519.
//   Quartiles: numpy.quantile (method "linear", R type 7): citizens 10.5 / 13 / 22.5, foreign nationals 6 / 9 / 13.5.
import { expect, it } from "vitest";
import { forEachDatabase, type TestEnv, type TestUser } from "../../testing/harness.js";
import { recordCase, recordCaseOutcome as record } from "../../testing/sentencing-case.js";
import type { AnalysisSentencing } from "./sentencing-schema.js";

type Stratum = AnalysisSentencing["strata"][number];

const P_VALUE = 0.13817235264500122;
async function sentencing(env: TestEnv, user: TestUser, query: string): Promise<AnalysisSentencing> {
  const response = await env.request(user, { method: "GET", url: `/api/v1/analysis/sentencing?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<AnalysisSentencing>();
}

const only = (answer: AnalysisSentencing): Stratum => {
  expect(answer.strata).toHaveLength(1);
  return answer.strata[0]!;
};

forEachDatabase("the sentencing comparison over HTTP", (env) => {
  it("when both groups reach the minimum, then n, quartiles, shares and the Mann–Whitney p-value match SciPy's to 1e-9", async () => {
    const reporter = await env().user("reporter", "DE");
    await recordCase(env(), reporter, "first_instance");
    const analyst = await env().user("analyst");
    const answer = await sentencing(env(), analyst, "country=DE&iccs=03012&court_level=first_instance");
    expect(answer.minimum_n).toBe(10);
    const stratum = only(answer);
    expect(stratum).toMatchObject({
      country: "DE",
      offence: { iccs: "03012", categories: ["SV.ASSAULT"] },
      court_level: "first_instance",
      outcomes: 25,
      acquitted: 1,
      sentence_not_recorded: 1,
      refused: false,
      refusal_reason: null,
      synthetic_outcomes: 0,
    });
    const [citizens, foreign] = stratum.groups;
    expect(citizens).toMatchObject({ group: "citizens", n: 10, custodial_months: { q1: 10.5, median: 13, q3: 22.5, iqr: 12, min: 0, max: 36 } });
    expect(foreign).toMatchObject({ group: "foreign_nationals", n: 11, custodial_months: { q1: 6, median: 9, q3: 13.5, iqr: 7.5, min: 3, max: 20 } });
    expect([citizens!.suspended!.count, citizens!.fined!.count, foreign!.suspended!.count, foreign!.fined!.count]).toEqual([4, 2, 6, 1]);
    expect(citizens!.suspended!.share).toBe(0.4);
    // Unknown status is counted beside the groups, never in them.
    expect(stratum.sentenced_by_status.find((s) => s.migration_status === "unknown")?.n).toBe(2);
    expect(stratum.sentenced_by_status.reduce((sum, s) => sum + s.n, 0)).toBe(23);

    const test = stratum.rank_test!;
    expect(test.u).toBe(76.5);
    expect(test.method).toMatch(/^normal approximation/);
    expect(Math.abs(test.p_value - P_VALUE) / P_VALUE).toBeLessThanOrEqual(1e-9);
  });

  it("when a group has 9 sentenced defendants, then the comparison is refused with the reason and no figures", async () => {
    const reporter = await env().user("reporter", "DE");
    await recordCase(env(), reporter, "appeal", 1);
    const stratum = only(await sentencing(env(), reporter, "country=DE&offence_category=SV&court_level=appeal"));
    expect(stratum.refused).toBe(true);
    expect(stratum.refusal_reason).toBe("group citizens has n=9, below the minimum of 10");
    expect(stratum.rank_test).toBeNull();
    expect(stratum.groups.map((g) => [g.n, g.custodial_months, g.suspended, g.fined])).toEqual([
      [9, null, null, null],
      [11, null, null, null],
    ]);
  });

  it("when outcomes differ in country, offence or court level, then they are never pooled, and the filters keep what they name", async () => {
    const analyst = await env().user("analyst");
    await record(env(), analyst, {
      country: "FR",
      decision_date: "2023-02-01",
      sentence: { custodial_months: 5 },
      defendant: { migration_status: "irregular" },
    });
    await record(env(), analyst, { country: "FR", offence: { category: "SV.RAPE" }, decision_date: "2023-02-01", sentence: { custodial_months: 50 } });
    const france = await sentencing(env(), analyst, "country=FR");
    expect(france.strata.map((s) => [s.offence.iccs, s.outcomes, s.refused])).toEqual([
      ["03011", 1, true],
      ["03012", 1, true],
    ]);
    expect((await sentencing(env(), analyst, "country=FR&decided_from=2024-01-01")).strata).toEqual([]);
    expect((await sentencing(env(), analyst, "country=FR&offence_category=SV.RAPE")).strata.map((s) => s.offence.iccs)).toEqual(["03011"]);
  });

  it("when a period ends before it starts or a code is malformed, then 400 names the field", async () => {
    const analyst = await env().user("analyst");
    const response = await env().request(analyst, { method: "GET", url: "/api/v1/analysis/sentencing?decided_from=2024-01-01&decided_to=2023-01-01&iccs=abc" });
    expect(response.statusCode).toBe(400);
    const paths = response.json<{ error: { issues: { path: string }[] } }>().error.issues.map((i) => i.path);
    expect(paths.sort()).toEqual(["query.decided_to", "query.iccs.0"]);
  });
});

forEachDatabase(
  "the sentencing comparison with the minimum n set to 9",
  (env) => {
    it("when a group has 9, then it is compared, and the answer says the minimum it used", async () => {
      const reporter = await env().user("reporter", "DE");
      await recordCase(env(), reporter, "appeal", 1);
      const answer = await sentencing(env(), reporter, "court_level=appeal");
      expect(answer.minimum_n).toBe(9);
      expect(only(answer)).toMatchObject({ refused: false, refusal_reason: null });
    });
  },
  { config: { SENTENCING_MINIMUM_N: 9 } },
);
