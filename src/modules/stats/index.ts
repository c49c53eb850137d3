// What other modules may use of the statistics module besides its service: the observations a
// report cites for context, and the case outcomes a sentencing comparison takes. (Population
// denominators are read through population.ts.) The SQL
// stays in the repo files.
export { findDatasetById, observationsUpTo } from "./datasets-repo.js";
export { caseOutcomesMatching } from "./case-outcomes-repo.js";
export { notableCasesForReport } from "./notable-cases.js";
export type { NotableCaseOutput } from "./notable-cases-schema.js";
