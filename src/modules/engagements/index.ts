// What other modules may use of the engagements module besides its service: which engagements a
// reader may see (a tasking response links only those), the engagements themselves as answers
// (a response's cable, the country report's section), and the open follow-up actions falling due
// (for the notifications module: `openFollowUpsDueBefore(db, "YYYY-MM-DD")` gives each open
// follow-up due strictly before that day, with its engagement, post, owner and due date). The SQL
// stays in repo.ts.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import type { Visibility } from "../auth/policy.js";
import { acceptedEngagementRows, engagementRows } from "./repo.js";
import { presentEngagements } from "./service.js";
import type { EngagementOutput } from "./schema.js";

export { findEngagementRow, openFollowUpsDueBefore, visibleEngagementIds } from "./repo.js";
export type { EngagementOutput } from "./schema.js";

/** These engagements as answers (no reader's view: no review steps), oldest first. */
export async function engagementsByIds(db: Kysely<Database>, ids: readonly string[]): Promise<EngagementOutput[]> {
  return presentEngagements(db, null, await engagementRows(db, ids));
}

/** The accepted engagements with these host countries from `from` to `to` that the visibility lets through, oldest first. */
export async function acceptedEngagements(
  db: Kysely<Database>,
  filter: { countries: readonly string[]; from: string; to: string; visibility: Visibility },
): Promise<EngagementOutput[]> {
  return presentEngagements(db, null, await acceptedEngagementRows(db, filter));
}
