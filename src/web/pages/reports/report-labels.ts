// What the report pages say about reports and who may do what with them. The server decides
// (policy.ts: report.create, report.freeze, report.read, report_template.manage); these only choose
// what the pages offer, so nobody meets a button that can only answer "forbidden".
import type { Report, User } from "../../api/types.js";

export type ReportKind = Report["kind"];
export type RenderFormat = "md" | "txt" | "pdf" | "docx";

export const KIND_LABELS: Record<ReportKind, string> = {
  cable: "Post reporting cable",
  country: "Country report section",
  brief: "Comparative brief",
};

export const KIND_DESCRIPTIONS: Record<ReportKind, string> = {
  cable: "One country and any period, in cable form (SUBJECT, TAGS, numbered paragraphs).",
  country: "The migration section of the annual human-rights report: one country, one year.",
  brief: "Two or more countries side by side, with a map.",
};

export const FORMAT_LABELS: Record<RenderFormat, string> = {
  md: "Markdown",
  txt: "Text (cable)",
  pdf: "PDF",
  docx: "Word (DOCX)",
};
export const RENDER_FORMATS: readonly RenderFormat[] = ["md", "txt", "pdf", "docx"];

export const PERIOD_HINT = "A year (2025), a quarter (2025-Q3), a month (2025-07) or a range of dates (2025-01-01..2025-06-30).";

const POST_STAFF = ["reporter", "approver"];

/** Preview and create: post staff (their host country only), analysts, editors. */
export const createsReports = (user: User) => ["reporter", "approver", "analyst", "editor"].includes(user.role);
/** Freeze a version: the post's approver, analysts, editors. */
export const freezesReports = (user: User) => ["approver", "analyst", "editor"].includes(user.role);
/** Read reports: post staff (their post's), analysts, editors, auditors. */
export const readsReports = (user: User) => ["reporter", "approver", "analyst", "editor", "auditor"].includes(user.role);
/** Configure the country report's template per year. */
export const managesReportTemplates = (user: User) => ["editor", "admin"].includes(user.role);
/** Post staff report on their post's host country only. */
export const isPostStaff = (user: User) => POST_STAFF.includes(user.role);

/** The first characters of a SHA-256, enough to tell versions apart at a glance. */
export const shortHash = (sha256: string) => sha256.slice(0, 12);

/** Who froze a version: the API gives a user id; the reader's own is "you". */
export function frozenByLabel(userId: string, me: User): string {
  return userId === me.id ? "you" : `user ${userId.slice(0, 8)}…`;
}
