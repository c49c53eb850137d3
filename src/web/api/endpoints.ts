// One typed function per API operation the web app uses. Paths and shapes follow
// /api/openapi.json; the types come from the server's schemas (types.ts).
import { apiRequest, queryString, RawBody } from "./client.js";
import type {
  Account,
  AccountPatch,
  AccountWithPassword,
  AnalysisCounts,
  AnalysisRates,
  Comment,
  Country,
  History,
  Incident,
  IncidentList,
  NewAccount,
  IncidentPatch,
  NewIncident,
  NewPost,
  Post,
  PostPatch,
  Report,
  ReportDiff,
  ReportFreeze,
  ReportList,
  ReportPreview,
  ReportRequest,
  ReportTemplate,
  ReportTemplateInput,
  ReportTemplateList,
  ReportVersion,
  SourceCitation,
  StatsDataset,
  StatsDatasetDetail,
  StatsImportFormat,
  StatsImportReport,
  StatsObservationPage,
  Taxonomy,
  Transition,
  User,
} from "./types.js";

export interface IncidentQuery {
  country?: string[];
  post?: string[];
  category?: string[];
  state?: string[];
  verification_status?: string[];
  /** `unknown` also matches incidents with no perpetrator group recorded. */
  migration_status?: string[];
  occurred_from?: string;
  occurred_to?: string;
  q?: string;
  synthetic?: boolean;
  sort?: "-created" | "created" | "-occurred" | "occurred";
  limit?: number;
  cursor?: string;
}

export interface AnalysisQuery {
  occurred_from?: string;
  occurred_to?: string;
  country?: string[];
  category?: string[];
  migration_status?: string[];
  synthetic?: boolean;
  basis?: "accepted" | "visible";
}

/** GET /analysis/rates: the counts' filters but the status filter, and the groups and periods of the rates. */
export interface RatesQuery extends Omit<AnalysisQuery, "migration_status"> {
  granularity?: "year" | "total";
  group?: ("all" | "citizens" | "foreign_nationals" | "unknown")[];
}

/** GET /stats/observations: one dataset's values, by series, geos and period range. */
export interface StatsObservationQuery {
  dataset: string;
  series?: string[];
  geo?: string[];
  period_from?: string;
  period_to?: string;
  limit?: number;
  cursor?: string;
}

/** POST /stats/imports: the file goes as the body, these as query parameters. */
export interface StatsImportOptions {
  format: StatsImportFormat;
  dataset?: string;
  filename?: string;
  /** A generic CSV's column mapping, as the JSON text of the CLI's --mapping file. */
  mapping?: string;
}

const enc = encodeURIComponent;

/** The media type a statistics file is sent as, by its name (the server recognises the format by content anyway). */
function statsMediaType(name: string): string {
  if (/\.tsv$/i.test(name)) return "text/tab-separated-values";
  if (/\.json$/i.test(name)) return "application/json";
  if (/\.csv$/i.test(name)) return "text/csv";
  return "application/octet-stream";
}

export const api = {
  auth: {
    login: (email: string, password: string) => apiRequest<User>("POST", "/api/v1/auth/login", { email, password }),
    logout: () => apiRequest<{ signed_out: true }>("POST", "/api/v1/auth/logout"),
    me: () => apiRequest<User>("GET", "/api/v1/auth/me"),
    changePassword: (current_password: string, new_password: string) =>
      apiRequest<User>("POST", "/api/v1/auth/password", { current_password, new_password }),
  },
  incidents: {
    list: (query: IncidentQuery) => apiRequest<IncidentList>("GET", `/api/v1/incidents${queryString({ ...query })}`),
    get: (id: string) => apiRequest<Incident>("GET", `/api/v1/incidents/${enc(id)}`),
    create: (incident: NewIncident) => apiRequest<Incident>("POST", "/api/v1/incidents", incident),
    update: (id: string, patch: IncidentPatch) => apiRequest<Incident>("PATCH", `/api/v1/incidents/${enc(id)}`, patch),
    citeSource: (id: string, source: SourceCitation) => apiRequest<Incident>("POST", `/api/v1/incidents/${enc(id)}/sources`, source),
    transition: (id: string, transition: Transition) => apiRequest<Incident>("POST", `/api/v1/incidents/${enc(id)}/transitions`, transition),
    comments: (id: string) => apiRequest<{ items: Comment[] }>("GET", `/api/v1/incidents/${enc(id)}/comments`),
    addComment: (id: string, body: string) => apiRequest<Comment>("POST", `/api/v1/incidents/${enc(id)}/comments`, { body }),
    history: (id: string) => apiRequest<History>("GET", `/api/v1/incidents/${enc(id)}/history`),
  },
  analysis: {
    counts: (query: AnalysisQuery) => apiRequest<AnalysisCounts>("GET", `/api/v1/analysis/counts${queryString({ ...query })}`),
    rates: (query: RatesQuery) => apiRequest<AnalysisRates>("GET", `/api/v1/analysis/rates${queryString({ ...query })}`),
  },
  reports: {
    list: (kind?: Report["kind"]) => apiRequest<ReportList>("GET", `/api/v1/reports${queryString({ kind })}`),
    preview: (request: ReportRequest) => apiRequest<ReportPreview>("POST", "/api/v1/reports/preview", request),
    create: (request: ReportRequest) => apiRequest<ReportFreeze>("POST", "/api/v1/reports", request),
    get: (id: string) => apiRequest<Report>("GET", `/api/v1/reports/${enc(id)}`),
    /** 201 with the new version, or 200 with `created: false` when nothing changed. */
    freeze: (id: string) => apiRequest<ReportFreeze>("POST", `/api/v1/reports/${enc(id)}/versions`),
    version: (id: string, version: number) => apiRequest<ReportVersion>("GET", `/api/v1/reports/${enc(id)}/versions/${version}`),
    diff: (id: string, from: number, to: number) => apiRequest<ReportDiff>("GET", `/api/v1/reports/${enc(id)}/diff${queryString({ from, to })}`),
    /** A file attachment: a plain link to it is enough (the session cookie authenticates GETs). */
    downloadHref: (id: string, version: number, format: "md" | "txt" | "pdf" | "docx") => `/api/v1/reports/${enc(id)}/versions/${version}/download?format=${format}`,
    templates: () => apiRequest<ReportTemplateList>("GET", "/api/v1/reports/templates"),
    setTemplate: (template: ReportTemplateInput) => apiRequest<ReportTemplate>("POST", "/api/v1/reports/templates", template),
  },
  stats: {
    datasets: () => apiRequest<{ items: StatsDataset[] }>("GET", "/api/v1/stats/datasets"),
    dataset: (id: string, query: { limit?: number; cursor?: string } = {}) =>
      apiRequest<StatsDatasetDetail>("GET", `/api/v1/stats/datasets/${enc(id)}${queryString({ ...query })}`),
    observations: (query: StatsObservationQuery) => apiRequest<StatsObservationPage>("GET", `/api/v1/stats/observations${queryString({ ...query })}`),
    import: (file: File, options: StatsImportOptions) =>
      apiRequest<StatsImportReport>("POST", `/api/v1/stats/imports${queryString({ filename: file.name, ...options })}`, new RawBody(file, statsMediaType(file.name))),
  },
  reference: {
    countries: () => apiRequest<{ items: Country[] }>("GET", "/api/v1/countries"),
    posts: () => apiRequest<{ items: Post[] }>("GET", "/api/v1/posts"),
    taxonomy: () => apiRequest<Taxonomy>("GET", "/api/v1/taxonomy"),
  },
  posts: {
    create: (post: NewPost) => apiRequest<Post>("POST", "/api/v1/posts", post),
    update: (code: string, patch: PostPatch) => apiRequest<Post>("PATCH", `/api/v1/posts/${enc(code)}`, patch),
  },
  users: {
    list: () => apiRequest<{ items: Account[] }>("GET", "/api/v1/users"),
    create: (account: NewAccount) => apiRequest<AccountWithPassword>("POST", "/api/v1/users", account),
    update: (id: string, changes: AccountPatch) => apiRequest<Account>("PATCH", `/api/v1/users/${enc(id)}`, changes),
    disable: (id: string) => apiRequest<Account>("POST", `/api/v1/users/${enc(id)}/disable`),
    enable: (id: string) => apiRequest<Account>("POST", `/api/v1/users/${enc(id)}/enable`),
    resetPassword: (id: string) => apiRequest<AccountWithPassword>("POST", `/api/v1/users/${enc(id)}/reset-password`),
  },
};
