// What other modules may use of the audit module besides recording (audit.ts): the events about
// one of their records, for its history; the events after a place in the log, in chain order (the
// notifications' derivation). The SQL stays in repo.ts.
export { eventsAbout, eventsAfter } from "./repo.js";
