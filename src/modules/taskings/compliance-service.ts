// The compliance matrix: every post a tasking went to × the issued and closed taskings, with where
// its response stands (compliance.ts is the rule) and its dates, filterable; per post, the on-time
// rate over a period. The bureau sees every post's row; a post sees its own. Exported as CSV or
// XLSX (exceljs writes both from the same sheet).
import ExcelJS from "exceljs";
import type { Kysely } from "kysely";
import type { Clock } from "../../domain/clock.js";
import { dayText } from "../../domain/dates.js";
import type { Database } from "../../db/types.js";
import type { Actor } from "../auth/actor.js";
import { taskingScope, visibleTaskings } from "./access.js";
import { answeredOnTime, complianceStatus, onTimeRates } from "./compliance.js";
import * as repo from "./repo.js";
import type { ComplianceOutput, ComplianceQuery } from "./schema.js";
import { COMPLIANCE_STATUS_LABELS } from "../../domain/labels.js";

const MEDIA = {
  csv: { mediaType: "text/csv; charset=utf-8", extension: "csv" },
  xlsx: { mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extension: "xlsx" },
} as const;

const when = (iso: string | null) => (iso === null ? "" : dayText(iso.slice(0, 10)));

export function complianceService(db: Kysely<Database>, clock: Clock) {
  async function matrix(actor: Actor | null, query: ComplianceQuery): Promise<ComplianceOutput> {
    const taskings = (await visibleTaskings(db, actor)).filter((t) => t.state !== "draft" && (!query.tasking || t.id === query.tasking));
    // A post's staff see their own row; the bureau every post's (the taskings' own scope).
    const own = taskingScope(actor);
    const responses = await repo.responseRows(
      db,
      taskings.map((t) => t.id),
      own ?? undefined,
    );
    const byKey = new Map(responses.map((r) => [`${r.tasking_id}|${r.post_code}`, r]));
    const today = clock.today();
    const rows = taskings.flatMap((t) =>
      t.targets
        .filter((target) => (own === null || target.post === own) && (!query.post || target.post === query.post))
        .map((target) => {
          const response = byKey.get(`${t.id}|${target.post}`);
          return {
            tasking_id: t.id,
            reference: t.reference,
            title: t.title,
            due_date: t.due_date,
            post: target.post,
            post_name: target.name,
            status: complianceStatus(response, t.due_date, today),
            submitted_at: response?.submitted_at ?? null,
            cleared_at: response?.cleared_at ?? null,
            accepted_at: response?.accepted_at ?? null,
            on_time: answeredOnTime(response, t.due_date, today),
          };
        }),
    );
    const shown = query.status ? rows.filter((r) => r.status === query.status) : rows;
    return { today, rows: shown, posts: onTimeRates(rows, { from: query.from, to: query.to }) };
  }

  return {
    matrix,

    /** The matrix as a spreadsheet: one row per post and tasking, in words. */
    async export(actor: Actor | null, query: ComplianceQuery, format: "csv" | "xlsx") {
      const { rows, today } = await matrix(actor, query);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("Compliance");
      sheet.columns = [
        { header: "Tasking", key: "reference", width: 16 },
        { header: "Title", key: "title", width: 40 },
        { header: "Due", key: "due", width: 18 },
        { header: "Post", key: "post", width: 28 },
        { header: "Status", key: "status", width: 20 },
        { header: "Submitted", key: "submitted", width: 18 },
        { header: "Cleared", key: "cleared", width: 18 },
        { header: "Accepted", key: "accepted", width: 18 },
        { header: "On time", key: "on_time", width: 10 },
      ];
      for (const r of rows) {
        sheet.addRow({
          reference: r.reference,
          title: r.title,
          due: dayText(r.due_date),
          post: r.post_name,
          status: COMPLIANCE_STATUS_LABELS[r.status],
          submitted: when(r.submitted_at),
          cleared: when(r.cleared_at),
          accepted: when(r.accepted_at),
          on_time: r.on_time === null ? "" : r.on_time ? "yes" : "no",
        });
      }
      sheet.getRow(1).font = { bold: true };
      const file = Buffer.from(format === "csv" ? await workbook.csv.writeBuffer() : await workbook.xlsx.writeBuffer());
      return { file, filename: `rapporteur-compliance-${today}.${MEDIA[format].extension}`, mediaType: MEDIA[format].mediaType };
    },
  };
}
