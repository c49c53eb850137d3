// Report use cases: preview a report, create one (its first frozen version), freeze a new version
// from the current data, read versions, render them, compare two, and configure the country
// report's template per year. Permission first, always; a report counts only the records its
// creator's role may see, and only accepted or published ones.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../../domain/errors.js";
import { newId } from "../../domain/ids.js";
import { BUREAU_POST } from "../../domain/vocabulary.js";
import type { Database } from "../../db/types.js";
import { formatIssues } from "../common/issues.js";
import { recordAudit } from "../audit/audit.js";
import { latestCheckpointSequence } from "../audit/checkpoints.js";
import { requireUser, type Actor } from "../auth/actor.js";
import { authorize, can, visibilityOf } from "../auth/policy.js";
import { buildReport } from "./content/index.js";
import { DEFAULT_SENTENCING_MINIMUM_N } from "../../domain/stats/sentencing.js";
import type { PopulationOrder } from "../stats/population.js";
import { diffReports } from "./diff.js";
import type { ReportDocument } from "./document.js";
import { renderMarkdown } from "./render/markdown.js";
import { renderCable } from "./render/text.js";
import { countryCodes, currentCategoryNames, findPost } from "../reference/index.js";
import { userSummaries } from "../users/index.js";
import * as repo from "./repo.js";
import {
  reportRequest,
  type RenderFormat,
  type ReportOutput,
  type ReportRequest,
  type ReportRequestBody,
  type TemplateInput,
  type VersionSummary,
  withPeriod,
} from "./schema.js";
import { snapshot } from "./snapshot.js";
import {
  builtinTemplate,
  COUNTRY_TEMPLATES,
  BRIEF_TEMPLATE,
  CABLE_TEMPLATE,
  SECTION_DESCRIPTIONS,
  SECTION_KINDS,
  templateProblems,
  type ReportTemplate,
  type TemplateSection,
} from "./templates.js";

export const RENDERINGS: Record<RenderFormat, { mediaType: string; extension: string }> = {
  md: { mediaType: "text/markdown; charset=utf-8", extension: "md" },
  txt: { mediaType: "text/plain; charset=utf-8", extension: "txt" },
  pdf: { mediaType: "application/pdf", extension: "pdf" },
  docx: { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx" },
};

/** A document in one of the four renderings (a tasking response's cable is rendered here too). */
export async function render(document: ReportDocument, format: RenderFormat): Promise<Buffer> {
  switch (format) {
    case "md":
      return Buffer.from(renderMarkdown(document), "utf8");
    case "txt":
      return Buffer.from(renderCable(document), "utf8");
    // PDF and DOCX load their libraries (and fonts, map boundaries) only when asked for.
    case "pdf":
      return (await import("./render/pdf.js")).renderPdf(document);
    case "docx":
      return (await import("./render/docx.js")).renderDocx(document);
  }
}

/** A report's stored parameters, read back as the request they were made from (valid when stored). */
function storedRequest(kind: string, stored: { countries: string[]; period: string; categories: string[] }): ReportRequestBody {
  const result = reportRequest.safeParse({ kind, ...stored });
  if (!result.success) throw new ValidationError(formatIssues("", result.error.issues));
  return result.data;
}

type StoredReport = NonNullable<Awaited<ReturnType<typeof repo.findReport>>>;
const scoped = (report: { post_code: string }) => ({ post_code: report.post_code, author_post_code: report.post_code, state: "frozen" });

function presentVersion(v: Awaited<ReturnType<typeof repo.versionsOf>>[number], names: Map<string, string>): VersionSummary {
  return {
    version: v.version,
    as_of: v.as_of,
    template: { id: v.template_id, version: v.template_version },
    sha256: v.sha256,
    synthetic: v.synthetic,
    frozen_by: v.frozen_by,
    frozen_by_name: names.get(v.frozen_by) ?? "",
    frozen_at: v.frozen_at,
  };
}

/** Display names of users (who created or froze a report), by id. */
async function userNames(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map([...(await userSummaries(db, ids)).entries()].map(([id, u]) => [id, u.name]));
}

export function reportService(
  db: Kysely<Database>,
  { sentencingMinimumN = DEFAULT_SENTENCING_MINIMUM_N, populationOrder }: { sentencingMinimumN?: number; populationOrder?: PopulationOrder } = {},
) {
  async function templateFor(kind: ReportRequest["kind"], year: number): Promise<ReportTemplate> {
    if (kind === "country") {
      const stored = await repo.storedTemplate(db, "country", year);
      if (stored) {
        return { id: `country-${year}`, version: `r${stored.revision}`, kind: "country", year, sections: JSON.parse(stored.sections) as TemplateSection[] };
      }
    }
    return builtinTemplate(kind, year);
  }

  /**
   * Check the request (parsed by the edge with `reportRequest`) against reference data and the
   * actor's reach; return it with its period read. Issues name the field within the request.
   */
  async function checkedRequest(actor: Actor | null, input: ReportRequestBody): Promise<ReportRequest> {
    authorize(actor, "report.create");
    const request = withPeriod(input);
    const issues: { path: string; message: string }[] = [];
    const known = new Set(await countryCodes(db));
    request.countries.forEach((c, i) => {
      if (!known.has(c)) issues.push({ path: `countries.${i}`, message: `no country has the code ${c}` });
    });
    const categories = await currentCategoryNames(db);
    request.categories.forEach((c, i) => {
      const info = categories.get(c);
      if (!info || info.parent !== null) issues.push({ path: `categories.${i}`, message: `${c} is not a top-level category of the current taxonomy` });
    });
    if (issues.length > 0) throw new ValidationError(issues);
    if (actor?.kind === "user" && actor.postCode !== BUREAU_POST) {
      const post = await findPost(db, actor.postCode);
      const foreign = request.countries.filter((c) => c !== post?.country_code);
      if (foreign.length > 0)
        throw new ForbiddenError(`A post reports on its host country only (${post?.country_code ?? "none"}), not on ${foreign.join(", ")}.`);
    }
    // Canonical parameters: the same report asked twice is the same request.
    return { ...request, countries: request.kind === "brief" ? [...request.countries].sort() : request.countries, categories: [...request.categories].sort() };
  }

  async function makeDocument(actor: Actor | null, request: ReportRequest): Promise<ReportDocument> {
    const template = await templateFor(request.kind, request.period.year);
    return buildReport(db, {
      kind: request.kind,
      countries: request.countries,
      period: request.period,
      categories: request.categories,
      template,
      visibility: visibilityOf(actor, "analysis.read"),
      sentencingMinimumN,
      populationOrder,
    });
  }

  async function visibleReport(actor: Actor | null, id: string): Promise<StoredReport> {
    authorize(actor, "report.read");
    const report = await repo.findReport(db, id);
    if (!report) throw new NotFoundError("Report");
    authorize(actor, "report.read", scoped(report), "Report");
    return report;
  }

  async function present(report: StoredReport): Promise<ReportOutput> {
    const versions = await repo.versionsOf(db, report.id);
    const names = await userNames(db, [report.created_by, ...versions.map((v) => v.frozen_by)]);
    const parameters = JSON.parse(report.parameters) as { countries: string[]; period: string; categories: string[] };
    return {
      id: report.id,
      kind: report.kind,
      title: report.title,
      parameters: { countries: parameters.countries, period: parameters.period, categories: parameters.categories },
      post: report.post_code,
      created_by: report.created_by,
      created_by_name: names.get(report.created_by) ?? "",
      created_at: report.created_at,
      versions: versions.map((v) => presentVersion(v, names)),
    };
  }

  /** Freeze the current content as the report's next version (none when nothing changed). */
  async function freezeInto(actor: Actor, report: StoredReport, request: ReportRequest): Promise<{ version: VersionSummary; created: boolean }> {
    const user = requireUser(actor);
    const document = await makeDocument(actor, request);
    const { content, sha256 } = snapshot(document);
    return db.transaction().execute(async (trx) => {
      const versions = await repo.versionsOf(trx, report.id);
      const latest = versions.at(-1);
      if (latest && latest.sha256 === sha256) return { version: presentVersion(latest, await userNames(trx, [latest.frozen_by])), created: false };
      const row = {
        report_id: report.id,
        version: (latest ? latest.version : 0) + 1,
        as_of: document.as_of,
        template_id: document.template.id,
        template_version: document.template.version,
        content,
        sha256,
        synthetic: document.synthetic,
        frozen_by: user.id,
        frozen_at: nowIso(),
        // The audit log up to this checkpoint is proven complete; the content's bytes are not touched.
        audit_checkpoint: await latestCheckpointSequence(trx),
      };
      await repo.insertVersion(trx, row);
      const version = presentVersion(row, new Map([[user.id, user.name]]));
      await recordAudit(trx, actor, { action: "report.freeze", entityType: "report", entityId: report.id, after: { ...version, title: document.title } });
      return { version, created: true };
    });
  }

  return {
    /** The report as it would be frozen now, with its Markdown and the hash it would have. */
    async preview(actor: Actor | null, input: ReportRequestBody) {
      const request = await checkedRequest(actor, input);
      const document = await makeDocument(actor, request);
      return { document, markdown: renderMarkdown(document), sha256: snapshot(document).sha256 };
    },

    /** Render a report straight from the data, without freezing it (the CLI). */
    async renderNow(actor: Actor | null, input: ReportRequestBody, format: RenderFormat): Promise<{ document: ReportDocument; file: Buffer }> {
      const request = await checkedRequest(actor, input);
      const document = await makeDocument(actor, request);
      return { document, file: await render(document, format) };
    },

    /** Create a report and freeze its first version. */
    async create(actor: Actor | null, input: ReportRequestBody) {
      const request = await checkedRequest(actor, input);
      authorize(actor, "report.freeze");
      const user = requireUser(actor);
      const document = await makeDocument(actor, request);
      const report: StoredReport = {
        id: newId(),
        kind: request.kind,
        title: document.title,
        parameters: JSON.stringify({ countries: request.countries, period: request.period.label, categories: request.categories }),
        post_code: user.postCode,
        created_by: user.id,
        created_at: nowIso(),
      };
      await db.transaction().execute(async (trx) => {
        await repo.insertReport(trx, report);
        await recordAudit(trx, actor, {
          action: "report.create",
          entityType: "report",
          entityId: report.id,
          after: { kind: report.kind, title: report.title, parameters: JSON.parse(report.parameters) },
        });
      });
      const { version, created } = await freezeInto(user, report, request);
      return { report: await present(report), version, created };
    },

    /** Freeze a new version from the current data; if nothing changed, the latest version stands. */
    async freeze(actor: Actor | null, id: string) {
      const report = await visibleReport(actor, id);
      authorize(actor, "report.freeze", scoped(report), "Report");
      const stored = JSON.parse(report.parameters) as { countries: string[]; period: string; categories: string[] };
      const request = await checkedRequest(actor, storedRequest(report.kind, stored));
      const { version, created } = await freezeInto(actor!, report, request);
      return { report: await present(report), version, created };
    },

    async list(actor: Actor | null, query: { kind?: ReportRequest["kind"] }) {
      authorize(actor, "report.read");
      const visibility = visibilityOf(actor, "report.read");
      const rows = await repo.listReports(db, {
        ...(visibility.kind === "post" ? { post: visibility.post } : {}),
        ...(query.kind ? { kind: query.kind } : {}),
      });
      return {
        items: rows.map((r) => {
          const parameters = JSON.parse(r.parameters) as { countries: string[]; period: string; categories: string[] };
          return {
            id: r.id,
            kind: r.kind,
            title: r.title,
            parameters: { countries: parameters.countries, period: parameters.period, categories: parameters.categories },
            post: r.post_code,
            created_at: r.created_at,
            latest:
              r.version === null || r.sha256 === null || r.frozen_at === null
                ? null
                : { version: r.version, sha256: r.sha256, frozen_at: r.frozen_at, synthetic: r.synthetic === true },
          };
        }),
      };
    },

    async get(actor: Actor | null, id: string): Promise<ReportOutput> {
      return present(await visibleReport(actor, id));
    },

    async version(actor: Actor | null, id: string, number: number) {
      await visibleReport(actor, id);
      const row = await repo.findVersion(db, id, number);
      if (!row) throw new NotFoundError("Report version");
      return { ...presentVersion(row, await userNames(db, [row.frozen_by])), report_id: id, document: JSON.parse(row.content) as ReportDocument };
    },

    /** A frozen version rendered: the same bytes each time for Markdown and text. */
    async download(actor: Actor | null, id: string, number: number, format: RenderFormat) {
      const version = await this.version(actor, id, number);
      const file = await render(version.document, format);
      const { countries, period } = version.document.parameters;
      const slug = [version.document.kind, Array.isArray(countries) ? countries.join("-") : "", String(period ?? "")]
        .join("-")
        .replace(/[^A-Za-z0-9._-]+/g, "_");
      return { file, filename: `rapporteur-${slug}-v${number}.${RENDERINGS[format].extension}`, mediaType: RENDERINGS[format].mediaType };
    },

    async diff(actor: Actor | null, id: string, from: number, to: number) {
      await visibleReport(actor, id);
      const [a, b] = await Promise.all([repo.findVersion(db, id, from), repo.findVersion(db, id, to)]);
      if (!a) throw new NotFoundError(`Report version ${from}`);
      if (!b) throw new NotFoundError(`Report version ${to}`);
      return {
        report_id: id,
        from: { version: from, sha256: a.sha256, as_of: a.as_of },
        to: { version: to, sha256: b.sha256, as_of: b.as_of },
        changes: diffReports(JSON.parse(a.content) as ReportDocument, JSON.parse(b.content) as ReportDocument),
      };
    },

    async listTemplates(actor: Actor | null) {
      // Readers of reports, and those who configure templates (admins read none of the reports).
      if (!can(actor, "report_template.manage")) authorize(actor, "report.read");
      const stored = await repo.storedTemplates(db);
      const configured = stored.map((t) => ({
        id: `${t.kind}-${t.year}`,
        version: `r${t.revision}`,
        kind: t.kind as ReportTemplate["kind"],
        year: t.year,
        sections: JSON.parse(t.sections) as TemplateSection[],
        configured: true,
      }));
      const builtin = [CABLE_TEMPLATE, BRIEF_TEMPLATE, ...COUNTRY_TEMPLATES].map((t) => ({ ...t, configured: false }));
      return {
        items: [...builtin, ...configured],
        section_kinds: SECTION_KINDS.map((section) => ({ section, description: SECTION_DESCRIPTIONS[section] })),
      };
    },

    /** Configure the country report's template for a year (a new revision each time). */
    async setTemplate(actor: Actor | null, value: TemplateInput) {
      authorize(actor, "report_template.manage");
      const user = requireUser(actor);
      const problems = templateProblems(value.kind, value.sections);
      if (problems.length > 0) throw new ValidationError(problems);
      return db.transaction().execute(async (trx) => {
        const before = await repo.storedTemplate(trx, value.kind, value.year);
        const row = {
          kind: value.kind,
          year: value.year,
          revision: (before ? before.revision : 0) + 1,
          sections: JSON.stringify(value.sections),
          updated_by: user.id,
          updated_at: nowIso(),
        };
        await repo.saveTemplate(trx, row, before !== undefined);
        await recordAudit(trx, actor, {
          action: "report_template.update",
          entityType: "report_template",
          entityId: `${value.kind}-${value.year}`,
          before: before ? { revision: before.revision, sections: JSON.parse(before.sections) } : undefined,
          after: { revision: row.revision, sections: value.sections },
        });
        return {
          id: `${value.kind}-${value.year}`,
          version: `r${row.revision}`,
          kind: value.kind,
          year: value.year,
          sections: value.sections,
          configured: true,
        };
      });
    },
  };
}

export type ReportService = ReturnType<typeof reportService>;
