// What other modules may use of the audit module besides recording (audit.ts): the events about
// one of their records, for its history. The SQL stays in repo.ts.
export { eventsAbout } from "./repo.js";
