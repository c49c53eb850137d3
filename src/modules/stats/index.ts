// What other modules may use of the statistics module besides its service: the observations a
// report cites for context. (Population denominators are read through population.ts.) The SQL
// stays in the repo files.
export { findDatasetById, observationsUpTo } from "./datasets-repo.js";
