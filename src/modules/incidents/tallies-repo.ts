// The incidents' tallies (table incident_tallies, migrations 009 and 017): how many incidents
// share each key counting looks at, kept in step with every write of an incident in that write's
// own transaction. An incident's part in the tallies is read from the stored rows by one query per
// facet (`contributions`): the writes below take the incident's part out before they change it and
// put it back after, so whatever a write changes, the tallies move by exactly the difference, and
// rebuilding them from scratch (`tallyIncidents(db, "all", 1)` on an empty table) gives the same
// rows (tallies.test.ts).
//
// The key: workflow state, post and author's post (what the basis and the visibility rule read,
// auth/visibility-sql.ts, which applies to these rows unchanged), country, the occurrence window
// cut to months (`YYYY-MM`; figures over month-aligned periods place an incident the same from
// its months, figures/periods.ts monthAligned), whether the date is pinned to a day or a week (the
// one thing placement asks of the precision), synthetic, and the facet's code. The facets: each
// incident once with the groups of statuses it is in (`groups`: the rate groups of
// domain/rate-groups.ts, sorted, comma-separated, as `citizens,unknown`), once per top-level
// category (`category`), once per status as reported (`status`, `unknown` when it records no
// group), and once per top-level category with its groups (`category_groups`, as `SV|citizens`).
// Counts read the first three, rates the first and the last. Only incidents filed under a
// category are tallied, as only they are counted (incidents/repo.ts countedRows joins the
// categories).
import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder } from "kysely";
import { beforeFirstDot, dialectOf } from "../../db/dialect.js";
import { RATE_GROUP_STATUSES, STATUS_GROUPS } from "../../domain/rate-groups.js";
import type { Database } from "../../db/types.js";
import { incidentVisible } from "../auth/visibility-sql.js";
import type { CountedFactsFilter } from "./repo.js";

const TALLY_FACETS = ["groups", "category", "status", "category_groups"] as const;
export type TallyFacet = (typeof TALLY_FACETS)[number];

/** Between a `category_groups` code's category and its groups. */
export const TALLY_CODE_SEPARATOR = "|";

/** The columns that make a tally's key (its unique constraint). */
export const TALLY_KEY = [
  "facet",
  "state",
  "post_code",
  "author_post_code",
  "country_code",
  "window_from",
  "window_to",
  "pinned",
  "synthetic",
  "code",
] as const;

type Scope = readonly string[] | "all";

/** The incidents of the scope. */
function scoped(db: Kysely<Database>, scope: Scope) {
  const query = db.selectFrom("incidents");
  return scope === "all" ? query : query.where("incidents.id", "in", [...scope]);
}

/**
 * Incidents in the scope that are counted at all (filed under a category). A join with the scope's
 * filed incidents, not an EXISTS: PostgreSQL ran that as a join with every incident's categories
 * grouped, so each write's upkeep grew with the database (a fill slowed from 2,000 incidents a
 * second to 500 by 450,000). The facets by category join the scope's categories instead.
 */
function talliedIncidents(db: Kysely<Database>, scope: Scope) {
  let filed = db.selectFrom("incident_categories").select("incident_id").distinct();
  if (scope !== "all") filed = filed.where("incident_id", "in", [...scope]);
  return scoped(db, scope).innerJoin(filed.as("filed"), "filed.incident_id", "incidents.id");
}

/** One facet's rows of the key with how many incidents of the scope share each (one row per key). */
function contributions(db: Kysely<Database>, facet: TallyFacet, scope: Scope) {
  const dialect = dialectOf(db);
  const month = (column: "incidents.occurred_from" | "incidents.occurred_to") => sql<string>`substr(cast(${sql.ref(column)} as text), 1, 7)`;
  // Grouped by the key's own expressions, so that no two rows of one statement share a key (the
  // upsert could not take both).
  const state = sql<string>`incidents.state`;
  const post = sql<string>`incidents.post_code`;
  const author = sql<string>`coalesce(incidents.author_post_code, '')`;
  const country = sql<string>`incidents.country_code`;
  const from = month("incidents.occurred_from");
  const to = month("incidents.occurred_to");
  const pinned = sql<boolean>`incidents.date_precision IN ('day', 'week')`;
  const synthetic = sql<boolean>`incidents.synthetic`;
  const key = [state, post, author, country, from, to, pinned, synthetic];
  const keyed = <DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, code: RawBuilder<string>) =>
    query
      .select([
        sql<string>`${facet}`.as("facet"),
        state.as("state"),
        post.as("post_code"),
        author.as("author_post_code"),
        country.as("country_code"),
        from.as("window_from"),
        to.as("window_to"),
        pinned.as("pinned"),
        synthetic.as("synthetic"),
        code.as("code"),
        sql<number>`count(*)`.as("incidents"),
      ])
      .groupBy([...key, code]);
  // The derived tables read only the scope's rows: a write's upkeep must not grow with the database.
  let filed = db.selectFrom("incident_categories").select(["incident_id", beforeFirstDot(dialect, sql.ref<string>("category_code")).as("top")]);
  if (scope !== "all") filed = filed.where("incident_id", "in", [...scope]);
  const tops = filed.distinct().as("tops");
  if (facet === "category") return keyed(scoped(db, scope).innerJoin(tops, "tops.incident_id", "incidents.id"), sql<string>`tops.top`);
  if (facet === "status") {
    let groups = db.selectFrom("incident_perpetrator_groups").select(["incident_id", "migration_status"]);
    if (scope !== "all") groups = groups.where("incident_id", "in", [...scope]);
    const statuses = groups.distinct().as("statuses");
    return keyed(
      talliedIncidents(db, scope).leftJoin(statuses, "statuses.incident_id", "incidents.id"),
      sql<string>`coalesce(statuses.migration_status, 'unknown')`,
    );
  }
  // The groups an incident is in, by domain/rate-groups.ts (statusesInGroup): one of its
  // perpetrator groups has a status of the group; `unknown` also when it records none (no row in
  // the derived table, so no join).
  let perIncident = db.selectFrom("incident_perpetrator_groups").select("incident_id").groupBy("incident_id");
  for (const group of STATUS_GROUPS) {
    const statuses = sql.join(RATE_GROUP_STATUSES[group].map((s) => sql.lit(s)));
    perIncident = perIncident.select(sql<number>`max(CASE WHEN migration_status IN (${statuses}) THEN 1 ELSE 0 END)`.as(`in_${group}`));
  }
  if (scope !== "all") perIncident = perIncident.where("incident_id", "in", [...scope]);
  const member = perIncident.as("member");
  const parts = STATUS_GROUPS.map((group) =>
    group === "unknown"
      ? sql`CASE WHEN member.incident_id IS NULL OR member.in_unknown = 1 THEN ${sql.lit(`${group},`)} ELSE '' END`
      : sql`CASE WHEN member.in_${sql.raw(group)} = 1 THEN ${sql.lit(`${group},`)} ELSE '' END`,
  );
  const groupsOf = sql<string>`rtrim(${sql.join(parts, sql` || `)}, ',')`;
  if (facet === "groups") return keyed(talliedIncidents(db, scope).leftJoin(member, "member.incident_id", "incidents.id"), groupsOf);
  return keyed(
    scoped(db, scope).innerJoin(tops, "tops.incident_id", "incidents.id").leftJoin(member, "member.incident_id", "incidents.id"),
    sql<string>`tops.top || ${sql.lit(TALLY_CODE_SEPARATOR)} || ${groupsOf}`,
  );
}

/**
 * Add (`sign` 1) or take out (-1) the part of these incidents (or of all) in the tallies, and drop
 * the keys no incident holds any more. Call it in the transaction that writes the incidents.
 */
export async function tallyIncidents(db: Kysely<Database>, scope: Scope, sign: 1 | -1): Promise<void> {
  if (scope !== "all" && scope.length === 0) return;
  for (const facet of TALLY_FACETS) {
    const rows = contributions(db, facet, scope);
    let signed = db
      .selectFrom(rows.as("c"))
      .select([...TALLY_KEY.map((column) => `c.${column}` as const), sign === 1 ? "c.incidents" : sql<number>`-c.incidents`.as("incidents")])
      // SQLite reads `ON CONFLICT` after a bare SELECT as a join's ON: a WHERE keeps them apart.
      .where(sql<boolean>`1 = 1`);
    // Keys taken in one order by every write (facet by facet, then by key), so that two PostgreSQL
    // transactions tallying the same keys wait for each other instead of deadlocking.
    for (const column of TALLY_KEY) signed = signed.orderBy(`c.${column}`);
    await db
      .insertInto("incident_tallies")
      .columns([...TALLY_KEY, "incidents"])
      .expression(signed)
      .onConflict((conflict) => conflict.columns([...TALLY_KEY]).doUpdateSet({ incidents: sql`incident_tallies.incidents + excluded.incidents` }))
      .execute();
  }
  // Only a taking-out can empty a key; the partial index (migration 009) finds the empty ones.
  if (sign === -1) await db.deleteFrom("incident_tallies").where("incidents", "=", 0).execute();
}

/**
 * One facet's tallies under a counting filter, summed over what the filter does not look at (state,
 * posts): per country, window in months, pinned date, synthetic and code. Only for filters the
 * tallies can answer: month-aligned windows, top-level categories or none (the caller decides,
 * figures/facts.ts `talliedFacts`). The visibility rule applies to these rows as to incidents.
 */
export async function tallied(db: Kysely<Database>, facet: TallyFacet, filter: Omit<CountedFactsFilter, "categories">) {
  if (filter.countries && filter.countries.length === 0) return [];
  let rows = db
    .selectFrom("incident_tallies as incidents")
    .where("incidents.facet", "=", facet)
    .where(incidentVisible(filter.visibility))
    .where("incidents.state", "in", [...filter.states]);
  if (filter.countries) rows = rows.where("incidents.country_code", "in", [...filter.countries]);
  if (filter.posts) rows = rows.where("incidents.post_code", "in", [...filter.posts]);
  // On month-aligned bounds, a window's months overlap from..to exactly when its days do.
  if (filter.from) rows = rows.where("incidents.window_to", ">=", filter.from.slice(0, 7));
  if (filter.to) rows = rows.where("incidents.window_from", "<=", filter.to.slice(0, 7));
  if (filter.synthetic !== undefined) rows = rows.where("incidents.synthetic", "=", filter.synthetic);
  const key = ["incidents.country_code", "incidents.window_from", "incidents.window_to", "incidents.pinned", "incidents.synthetic", "incidents.code"] as const;
  return rows
    .select(key)
    .select((eb) => eb.fn.sum<number>("incidents.incidents").as("incidents"))
    .groupBy([...key])
    .execute();
}

/** Make the tallies again from the stored incidents (after a bulk change that bypassed the writes here, such as the benchmark's). */
export async function rebuildTallies(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom("incident_tallies").execute();
  await tallyIncidents(db, "all", 1);
}

/** Every tally that holds an incident (for checks: tallies.test.ts). */
export async function storedTallies(db: Kysely<Database>) {
  return db.selectFrom("incident_tallies").selectAll().execute();
}

/** The tallies as a rebuild from the incidents would make them, without writing them (for checks). */
export async function recountedTallies(db: Kysely<Database>) {
  return (await Promise.all(TALLY_FACETS.map((facet) => contributions(db, facet, "all").execute()))).flat();
}
