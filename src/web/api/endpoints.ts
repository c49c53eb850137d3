// One typed function per API operation the web app uses. Paths and shapes follow
// /api/openapi.json; the types come from the server's schemas (types.ts).
import { apiRequest, queryString } from "./client.js";
import type {
  Account,
  AccountPatch,
  AccountWithPassword,
  AnalysisCounts,
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
  SourceCitation,
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

const enc = encodeURIComponent;

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
