// The application's parts, wired once: the database handle and the services built on it. The
// HTTP server, the CLI, the demo, the benchmark and the tests all start from `openContext`.
import { DEFAULT_POPULATION_ORDER } from "./modules/stats/population.js";
import { ACCOUNT_DEFAULTS, auditCheckpointSettings, mailSettings, oidcSettings, type Config, type MailConfigName, type OidcConfigName } from "./config.js";
import { openDatabase, type DatabaseHandle, type OpenOptions } from "./db/connection.js";
import { migrateToLatest } from "./db/migrate.js";
import { seedReferenceData } from "./db/seed/seed.js";
import { auditService } from "./modules/audit/service.js";
import { authService } from "./modules/auth/service.js";
import { apiTokenService } from "./modules/auth/tokens.js";
import { secondFactorService } from "./modules/auth/second-factor.js";
import { oidcService } from "./modules/auth/oidc.js";
import { DEFAULT_SECOND_FACTOR_ROLES } from "./domain/vocabulary.js";
import { analysisService } from "./modules/analysis/service.js";
import { postService } from "./modules/posts/service.js";
import { taxonomyService } from "./modules/taxonomy/service.js";
import { incidentService, reindexIncidents } from "./modules/incidents/service.js";
import { referenceService } from "./modules/reference/service.js";
import { reportService } from "./modules/reports/service.js";
import { sourceService } from "./modules/sources/service.js";
import { taskingService } from "./modules/taskings/service.js";
import { engagementService } from "./modules/engagements/service.js";
import type { Clock } from "./domain/clock.js";
import type { SystemActor } from "./modules/auth/actor.js";
import { statsService } from "./modules/stats/service.js";
import { IMPORT_JOB_ENTRY, removeImportSpool } from "./modules/stats/import-job.js";
import { localJobs, type LocalJobs } from "./modules/jobs/local.js";
import type { JobHandlers } from "./modules/jobs/runner.js";
import { jobService } from "./modules/jobs/service.js";
import { workerHandler, type WorkerDatabase } from "./modules/jobs/worker.js";
import { userService } from "./modules/users/service.js";
import { notificationService } from "./modules/notifications/service.js";
import { engagementFollowUpsDue } from "./modules/notifications/due.js";
import { notifier, type Notifier } from "./modules/notifications/notifier.js";

export type Services = ReturnType<typeof buildServices>;

/** Who acts when a scheduled job issues a recurring tasking. */
const SCHEDULER: SystemActor = { kind: "system", name: "scheduler" };

export interface AppContext extends DatabaseHandle {
  services: Services;
  /** What a job runner over this context needs (jobs/runner.ts; `serve` starts one, tests and the CLI may). */
  jobs: { local: LocalJobs; handlers: JobHandlers };
  /**
   * Turns audit events and due dates into notifications and sends their e-mails (notifications/notifier.ts);
   * `serve` ticks it on a timer, tests call `tick`.
   */
  notifier: Notifier;
}

/** The lockout and audit checkpoint settings may be left out (the CLI, tests, the benchmark): then the defaults hold. */
export type ContextConfig = Pick<Config, "DATABASE_URL" | "SESSION_IDLE_MINUTES" | "SESSION_ABSOLUTE_HOURS"> &
  Partial<
    Pick<
      Config,
      | "LOCKOUT_THRESHOLD"
      | "LOCKOUT_MINUTES"
      | "AUDIT_SIGNING_KEY_FILE"
      | "AUDIT_CHECKPOINT_FILE"
      | "AUDIT_PUBLIC_KEY"
      | "SECOND_FACTOR_ROLES"
      | "SENTENCING_MINIMUM_N"
      | "POPULATION_ORDER"
    >
  > &
  Partial<Pick<Config, OidcConfigName>> &
  Partial<Pick<Config, MailConfigName>> & {
    /** Where the services that depend on the date read it (a test sets one to make a tasking overdue). */
    clock?: Clock;
  };

/** The services over an open database (openContext; tests also build them over a database that is away). */
export function buildServices(handle: DatabaseHandle, config: ContextConfig, local: LocalJobs = localJobs()) {
  const { db, dialect } = handle;
  const jobs = jobService(db, local);
  const auth = authService(db, {
    idleMinutes: config.SESSION_IDLE_MINUTES,
    absoluteHours: config.SESSION_ABSOLUTE_HOURS,
    lockoutThreshold: config.LOCKOUT_THRESHOLD ?? ACCOUNT_DEFAULTS.lockoutThreshold,
    lockoutMinutes: config.LOCKOUT_MINUTES ?? ACCOUNT_DEFAULTS.lockoutMinutes,
    ...(config.SECOND_FACTOR_ROLES ? { secondFactorRoles: config.SECOND_FACTOR_ROLES } : {}),
  });
  const users = userService(db);
  const sentencing = config.SENTENCING_MINIMUM_N === undefined ? {} : { sentencingMinimumN: config.SENTENCING_MINIMUM_N };
  // Every rate, report and population answer prefers the same denominators (POPULATION_ORDER).
  const populationOrder = config.POPULATION_ORDER ?? DEFAULT_POPULATION_ORDER;
  return {
    jobs,
    auth,
    // Single sign-on (off without OIDC_ISSUER_URL and the rest) ends in the same sessions as a password.
    oidc: oidcService(db, oidcSettings(config), { auth, users }),
    secondFactor: secondFactorService(db, { requiredRoles: config.SECOND_FACTOR_ROLES ?? DEFAULT_SECOND_FACTOR_ROLES }),
    tokens: apiTokenService(db),
    users,
    incidents: incidentService(db, dialect),
    // A retitled source changes the search text of the incidents citing it (see sources/service.ts).
    sources: sourceService(db, { citingIncidentsChanged: reindexIncidents }),
    reference: referenceService(db),
    audit: auditService(db, auditCheckpointSettings(config)),
    posts: postService(db),
    taxonomy: taxonomyService(db),
    analysis: analysisService(db, { ...sentencing, populationOrder }),
    // An upload is imported by a job (stats/import-job.ts); the runner of this process is nudged by `jobQueued`.
    stats: statsService(db, { jobs, jobQueued: () => local.wake?.(), populationOrder }),
    reports: reportService(db, { ...sentencing, populationOrder }),
    // A recurring tasking's next round is a job queued for the day its period begins.
    taskings: taskingService(db, config.clock, jobs),
    notifications: notificationService(db, { ...(config.clock ? { clock: config.clock } : {}), mail: mailSettings(config) }),
    engagements: engagementService(db, config.clock),
  };
}

/** Open the database, bring its schema up to date, make sure reference data is there. */
export async function openContext(config: ContextConfig, options: OpenOptions & { migrate?: boolean } = {}): Promise<AppContext> {
  const handle = await openDatabase(config.DATABASE_URL, options);
  try {
    if (options.migrate !== false) {
      await migrateToLatest(handle.db);
      await seedReferenceData(handle.db);
    }
  } catch (error) {
    await handle.close();
    throw error;
  }
  const local = localJobs();
  // A job's worker thread opens its own connection to the same database (and schema).
  const database: WorkerDatabase = {
    url: config.DATABASE_URL,
    options: { ...(options.schema ? { schema: options.schema } : {}), ...(options.applicationName ? { applicationName: options.applicationName } : {}) },
  };
  const services = buildServices(handle, config, local);
  const handlers: JobHandlers = {
    "stats.import": workerHandler(IMPORT_JOB_ENTRY, database, removeImportSpool),
    "tasking.recur": { run: (job) => services.taskings.recur(SCHEDULER, (job.payload as { tasking_id: string }).tasking_id) },
  };
  const notifications = notifier({
    db: handle.db,
    dialect: handle.dialect,
    ...(config.clock ? { clock: config.clock } : {}),
    mail: mailSettings(config),
    followUpsDue: engagementFollowUpsDue,
  });
  return { ...handle, services, jobs: { local, handlers }, notifier: notifications };
}
