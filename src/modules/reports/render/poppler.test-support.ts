// Moved to src/testing/poppler.ts (test-only modules live under src/testing). This re-export stays
// only while src/modules/reports/reports.test.ts, being rewritten on another branch, still imports
// it from here: delete it once that file imports the new path.
export * from "../../../testing/poppler.js";
