// Who sees the engagements pages: post staff (their post's), the bureau's desks and auditors (what
// posts submitted); post staff record them. The server decides; these only shape the navigation.
import type { User } from "../../api/types.js";

export const readsEngagements = (user: User) => ["reporter", "approver", "analyst", "editor", "auditor"].includes(user.role);
export const recordsEngagements = (user: User) => user.role === "reporter" || user.role === "approver";
