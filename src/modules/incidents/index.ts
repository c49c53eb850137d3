// What other modules may use of the incidents module besides its service: whether an incident
// exists for the caller (a case outcome may name the one it concludes, by id or, in an import, by
// number, and must not tell another post that a draft exists); the facts the figures module counts;
// what a report shows of the incidents it counts, and when they last changed; one incident as stored
// (who a notification about it goes to); the tallies of the counted incidents, rebuilt (migration
// 009, the benchmark). The SQL stays in repo.ts and tallies-repo.ts.
export {
  countedIncidentFacts,
  countedIncidentGroups,
  findIncidentRow,
  latestIncidentChange,
  reindexAllIncidentTexts,
  visibleIncidentExists,
  visibleIncidentIds,
  visibleIncidentIdsByNumber,
} from "./repo.js";
export { incidentDetails, type IncidentDetail } from "./details.js";
export { rebuildTallies, tallied, TALLY_CODE_SEPARATOR, TALLY_KEY, type TallyFacet } from "./tallies-repo.js";
