// The API's shapes as the web app sees them: taken from the server's own zod schemas (types only,
// nothing of the server is bundled), so a change to a schema is a type error here, not a surprise
// in the browser. Shapes the server declares inline in a route (reference data) and the queries come
// from the route table (routes.ts).
import type { z } from "zod";
import type { ApiQuery, ApiResponse } from "./routes.js";
import type { historyOutput, incidentInput, incidentPatch, incidentView, transitionInput } from "../../modules/incidents/schema.js";
import type { sourceInput, sourceOutput } from "../../modules/sources/schema.js";
import type { adminUserOutput, userCreateInput, userOutput, userWithPassword } from "../../modules/users/schema.js";
import type { analysisCounts } from "../../modules/analysis/schema.js";
import type { accountOutput } from "../../modules/auth/sign-in-schema.js";
import type { analysisRates } from "../../modules/analysis/rates-schema.js";
import type { analysisSentencing } from "../../modules/analysis/sentencing-schema.js";
import type { analysisHousing } from "../../modules/analysis/housing-schema.js";
import type { postInput, postPatch } from "../../modules/posts/schema.js";
import type { datasetDetail, datasetSummary, importQuery, importReport, observationPage } from "../../modules/stats/schema.js";
import type { jobOutput } from "../../modules/jobs/schema.js";
import type { notificationOutput, preferencesOutput } from "../../modules/notifications/schema.js";
import type { complianceOutput, responseOutput, taskingInput, taskingOutput } from "../../modules/taskings/schema.js";
import type { engagementInput, engagementOutput } from "../../modules/engagements/schema.js";
import type {
  diffOutput,
  previewOutput,
  reportListOutput,
  reportOutput,
  reportRequest,
  templateListOutput,
  templateOutput,
} from "../../modules/reports/schema.js";

export type Incident = z.output<typeof incidentView>;
/** What POST /incidents accepts (defaults may be left out). */
export type NewIncident = z.input<typeof incidentInput>;
export type IncidentPatch = z.input<typeof incidentPatch>;
export type NewSource = z.input<typeof sourceInput>;
export type Source = z.output<typeof sourceOutput>;
type Transition = z.input<typeof transitionInput>;
export type WorkflowAction = Transition["action"];
export type History = z.output<typeof historyOutput>;
export type User = z.output<typeof userOutput>;
/** Who is signed in, with the step of the sign-in still open (GET /auth/me). */
export type SignedInUser = z.output<typeof accountOutput>;
/** An account as administrators see it. */
export type Account = z.output<typeof adminUserOutput>;
export type NewAccount = z.input<typeof userCreateInput>;
/** A created or reset account, with its one-time password (shown once). */
export type AccountWithPassword = z.output<typeof userWithPassword>;
export type AnalysisCounts = z.output<typeof analysisCounts>;
export type AnalysisRates = z.output<typeof analysisRates>;
export type AnalysisSentencing = z.output<typeof analysisSentencing>;
export type AnalysisHousing = z.output<typeof analysisHousing>;

// Official statistics: datasets, their series and geos, values a page at a time, and an import's report.
export type StatsDataset = z.output<typeof datasetSummary>;
export type StatsDatasetDetail = z.output<typeof datasetDetail>;
export type StatsSeries = StatsDatasetDetail["series"][number];
export type StatsObservationPage = z.output<typeof observationPage>;
export type StatsImportReport = z.output<typeof importReport>;
export type Job = z.output<typeof jobOutput>;
/** `auto` or one of the importers' formats (POST /stats/imports?format=). */
export type StatsImportFormat = NonNullable<z.input<typeof importQuery>["format"]>;

// Reports (PRODUCT.md §7): requests, frozen versions, their comparison and the country template.
/** What POST /reports/preview and POST /reports accept. */
export type ReportRequest = z.input<typeof reportRequest>;
export type ReportPreview = z.output<typeof previewOutput>;
export type ReportDocument = ReportPreview["document"];
export type ReportBlock = ReportDocument["sections"][number]["blocks"][number];
export type ReportInline = ReportDocument["summary"][number][number];
export type Report = z.output<typeof reportOutput>;
export type ReportVersionSummary = Report["versions"][number];
export type ReportList = z.output<typeof reportListOutput>;
export type ReportDiff = z.output<typeof diffOutput>;
export type ReportChange = ReportDiff["changes"][number];
export type ReportTemplate = z.output<typeof templateOutput>;
export type ReportTemplateList = z.output<typeof templateListOutput>;

/** GET /countries, /posts, /taxonomy (declared inline in the server's reference routes). */
export type Country = ApiResponse<"GET /countries">["items"][number];
export type Post = ApiResponse<"GET /posts">["items"][number];
export type Taxonomy = ApiResponse<"GET /taxonomy">;

/** POST /posts (admins): an embassy, whose code is its host country's. */
export type NewPost = z.input<typeof postInput>;
/** PATCH /posts/:code (admins). */
export type PostPatch = z.input<typeof postPatch>;

// Queries, as the client gives them (lists as arrays, flags as booleans).
export type IncidentQuery = ApiQuery<"GET /incidents">;
export type AnalysisQuery = ApiQuery<"GET /analysis/counts">;
export type RatesQuery = ApiQuery<"GET /analysis/rates">;
export type SentencingQuery = ApiQuery<"GET /analysis/sentencing">;

/** The error envelope every API error has. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    issues: { path: string; message: string }[];
    current_version?: number;
    allowed_actions?: WorkflowAction[];
    state?: string;
  };
}

export type Tasking = z.output<typeof taskingOutput>;
export type NewTasking = z.input<typeof taskingInput>;
export type TaskingResponse = z.output<typeof responseOutput>;
export type Compliance = z.output<typeof complianceOutput>;

export type Notification = z.output<typeof notificationOutput>;
export type NotificationPreferences = z.output<typeof preferencesOutput>;
export type Engagement = z.output<typeof engagementOutput>;
export type NewEngagement = z.input<typeof engagementInput>;
