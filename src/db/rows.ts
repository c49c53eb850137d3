// Rows arrive the same from both databases. PostgreSQL has real booleans; SQLite stores them as
// 0/1 and gives those back, so this plugin turns the boolean columns of SQLite's answers into
// booleans (int8 and dates are settled by pg's type parsers in connection.ts). Services and
// presenters then read a boolean as a boolean, with no `Boolean(x)` at every use.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import type { Database } from "./types.js";

type BooleanColumnOf<Table> = { [Column in keyof Table]-?: NonNullable<Table[Column]> extends boolean ? Column : never }[keyof Table];
/** Every column typed boolean in src/db/types.ts. */
type BooleanColumn = { [Table in keyof Database]: BooleanColumnOf<Database[Table]> }[keyof Database];

/**
 * The boolean columns by name. `satisfies` refuses a name that is not a boolean column, and
 * `EveryBooleanColumnListed` below refuses to compile when a boolean column is missing here.
 */
const BOOLEAN_COLUMNS = [
  "must_change_password",
  "sentence_suspended",
  "synthetic",
  "convicted",
  "suspended",
  "pinned",
  "nothing_to_report",
  "notable",
] as const satisfies readonly BooleanColumn[];

/** Compiles only while BOOLEAN_COLUMNS names every boolean column (a new one must be added above). */
type EveryBooleanColumnListed = [Exclude<BooleanColumn, (typeof BOOLEAN_COLUMNS)[number]>] extends [never] ? true : never;
true satisfies EveryBooleanColumnListed;

const BOOLEANS = new Set<string>(BOOLEAN_COLUMNS);

/**
 * For SQLite: a boolean column's 0 or 1 becomes false or true, by the column's name as selected
 * (a query that renames a boolean column keeps the 0/1 and says so in its own type). Other values
 * (null, a count that happens to share a name) are left as they are.
 */
export class SqliteBooleans implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const rows = args.result.rows;
    if (rows.length === 0) return args.result;
    const present = Object.keys(rows[0]!).filter((key) => BOOLEANS.has(key));
    if (present.length === 0) return args.result;
    for (const row of rows) {
      for (const key of present) {
        const value = row[key];
        if (value === 0 || value === 1) row[key] = value === 1;
      }
    }
    return args.result;
  }
}
