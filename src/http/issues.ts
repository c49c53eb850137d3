// The translation of zod issues lives in modules/common/issues.ts, shared by every edge (HTTP, the
// CLI, file readers). reports/service.ts still imports it from here; when the lead moves reports/
// onto the validate-at-the-edge pattern, this file goes.
export { formatIssues,  } from "../modules/common/issues.js";
