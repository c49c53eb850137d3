// What other modules may use of the sources module: incidents cite sources, so they read them,
// record new ones with the incident that cites them, and link them. The SQL stays in repo.ts.
export { findSource, findSources, insertSources, linkSources, sourcesByIncident, sourceTitlesOfIncident, type SourceLink } from "./repo.js";
export { newSourceRow } from "./service.js";
