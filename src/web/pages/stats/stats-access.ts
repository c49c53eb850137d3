// Who the statistics page offers what (the server decides; this only chooses what to show): every
// role but administrators reads official statistics; auditors read but do not import.
import type { User } from "../../api/types.js";

export const readsStatistics = (user: User) => user.role !== "admin";
export const importsStatistics = (user: User) => user.role !== "admin" && user.role !== "auditor";
