// What other modules may use of the reference data: the codes to check input against, and (for the
// posts and taxonomy administration) the writes. The SQL stays in repo.ts.
export {
  countryExists,
  countryNames,
  currentCategory,
  findPost,
  insertPost,
  insertTaxonomyVersion,
  latestTaxonomyVersion,
  taxonomyVersionsWithCounts,
  updatePost,
} from "./repo.js";
