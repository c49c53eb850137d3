// What other modules may use of the incidents module besides its service: whether an incident
// exists for the caller (a case outcome may name the one it concludes, and must not tell another post
// that a draft exists). The SQL stays in repo.ts.
export { visibleIncidentExists, visibleIncidentIds } from "./repo.js";
