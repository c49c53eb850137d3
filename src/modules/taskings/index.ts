// What other modules may use of the taskings module besides its service: a tasking and its target
// posts, a response, the issued taskings with their responses (who a notification goes to, and
// which posts have not answered by the due date). The SQL stays in repo.ts.
export { findResponseById, findTaskingRow, listTaskingRows, responseRows, targetsOf } from "./repo.js";
