// Moved to src/testing/stats-fixtures.ts (test-only modules live under src/testing). This re-export
// stays only while src/modules/reports/reports.test.ts and src/modules/analysis/rates.test.ts, being
// rewritten on other branches, still import it from here: delete it once they import the new path.
export { FIXTURES } from "../../testing/stats-fixtures.js";
