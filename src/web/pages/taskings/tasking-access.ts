// Who sees the taskings pages: post staff (their post's taskings), the bureau's desks and auditors
// (every tasking); editors draft and issue them. The server decides; these only shape the navigation.
import type { User } from "../../api/types.js";

export const readsTaskings = (user: User) => ["reporter", "approver", "analyst", "editor", "auditor"].includes(user.role);
export const managesTaskings = (user: User) => user.role === "editor";
