// What other modules may use of the incidents module besides its service: whether an incident
// exists (a case outcome may name the one it concludes). The SQL stays in repo.ts.
export { incidentExists } from "./repo.js";
