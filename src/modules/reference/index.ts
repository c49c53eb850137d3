// What other modules may use of the reference data: the codes to check input against, the names
// reports and analyses print, and (for the posts and taxonomy administration) the writes. The SQL stays in repo.ts.
export {
  countryCodes,
  countryExists,
  countryNames,
  currentCategory,
  currentCategoryNames,
  findPost,
  insertPost,
  insertTaxonomyVersion,
  latestTaxonomyVersion,
  listPostRows,
  taxonomyCategories,
  taxonomyVersionsWithCounts,
  topLevelCategories,
  updatePost,
} from "./repo.js";
