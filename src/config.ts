// Configuration: read from the environment once at boot, validated with zod. An invalid value
// stops the process with a message naming the variable; nothing is silently defaulted to
// something insecure (there is no secret to default: sessions are random tokens stored hashed).
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { DEFAULT_SECOND_FACTOR_ROLES, ROLES, type Role } from "./domain/vocabulary.js";
import { DEFAULT_SENTENCING_MINIMUM_N } from "./domain/stats/sentencing.js";
import { DEFAULT_POPULATION_ORDER, parsePopulationOrder, type PopulationOrder } from "./modules/stats/population.js";
import { DEFAULT_ATTACHMENT_LIMIT_BYTES } from "./modules/files/content.js";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** "true"/"false"/"1"/"0" only: the string "false" must never be truthy. */
const booleanFlag = z.enum(["true", "false", "1", "0"], { message: 'must be "true" or "false"' }).transform((v) => v === "true" || v === "1");

const databaseUrl = z
  .string()
  .min(1)
  .refine((v) => v.startsWith("sqlite:") || v.startsWith("postgres://") || v.startsWith("postgresql://"), {
    message: "must start with sqlite: (a file path, or sqlite::memory:) or postgres://",
  });

/** "admin,editor" → the roles; "none" → no role. */
const roleList = z
  .string()
  .transform((v, ctx) => {
    if (v.trim() === "none") return [];
    const names = v.split(",").map((name) => name.trim());
    const unknown = names.filter((name) => !(ROLES as readonly string[]).includes(name));
    if (unknown.length > 0) ctx.addIssue({ code: "custom", message: `must be roles separated by commas (${ROLES.join(", ")}) or "none"` });
    return names as Role[];
  })
  .pipe(z.array(z.enum(ROLES)));

/**
 * A provider's value of the role claim → a Rapporteur role (and, for the post roles, the post
 * claim names the post): "rapporteur-editor=editor,embassy-reporter=reporter".
 */
const roleMapping = z.string().transform((v, ctx) => {
  const mapping: Record<string, Role> = {};
  for (const pair of v.split(",")) {
    const [from, to] = pair.split("=").map((part) => part.trim());
    if (!from || !to || !(ROLES as readonly string[]).includes(to)) {
      ctx.addIssue({ code: "custom", message: `must be pairs "provider value=role" separated by commas, each role one of ${ROLES.join(", ")}` });
      return z.NEVER;
    }
    mapping[from] = to as Role;
  }
  return mapping;
});

/** An e-mail address, alone or as "Name <address>". */
const mailbox = z.string().refine((v) => /^[^<>@\s]+@[^<>@\s]+$/.test(v) || /^[^<>]*<[^<>@\s]+@[^<>@\s]+>$/.test(v.trim()), {
  message: 'must be an e-mail address, or "Name <address>"',
});

/** Account lockout defaults, shared with callers that build services without a full Config (tests, bench). */
export const ACCOUNT_DEFAULTS = { lockoutThreshold: 10, lockoutMinutes: 15 } as const;

const configSchema = z.object({
  DATABASE_URL: databaseUrl.default("sqlite:./data/rapporteur.db"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number({ message: "must be a number" }).int().min(0).max(65535).default(8080),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
  /** Mark the session cookie Secure. Required to be true when the server is reached over TLS. */
  COOKIE_SECURE: booleanFlag.default(false),
  /** Trust X-Forwarded-* from a reverse proxy (then the cookie is Secure when the proxy says https). */
  TRUST_PROXY: booleanFlag.default(false),
  /** A session ends after this many minutes without a request... */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  /** ...and after this many hours whatever happens. */
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** After this many wrong passwords in a row an account is locked for LOCKOUT_MINUTES... */
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(1000).default(ACCOUNT_DEFAULTS.lockoutThreshold),
  /** ...during which even the right password is refused. */
  LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(ACCOUNT_DEFAULTS.lockoutMinutes),
  /** Sign-in attempts one client address may make per minute (counted in this process's memory). */
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(20),
  /** Largest accepted request body, in bytes. */
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  /**
   * Largest statistics file accepted by POST /api/v1/stats/imports, in bytes. The upload is
   * written to a temporary file as it arrives (never held in memory), so this bounds disk use and
   * import time, not memory.
   */
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024 * 1024)
    .default(256 * 1024 * 1024),
  /**
   * Largest attachment (an engagement's evidence file) accepted, in bytes. Stored in the database
   * and held in memory while it is checked and saved, so far smaller than UPLOAD_LIMIT_BYTES.
   */
  ATTACHMENT_LIMIT_BYTES: z.coerce
    .number({ message: "must be a number" })
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(DEFAULT_ATTACHMENT_LIMIT_BYTES),
  /**
   * On SIGTERM or SIGINT, `serve` stops accepting connections and gives the requests in flight this
   * many seconds to finish before it cuts them off; then it closes the database and exits.
   */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number({ message: "must be a number" }).int().min(0).max(3600).default(10),
  /** Roles that must use a second factor (TOTP) to sign in, comma-separated, or "none". */
  SECOND_FACTOR_ROLES: roleList.default([...DEFAULT_SECOND_FACTOR_ROLES]),
  /** The fewest sentenced defendants each group needs before a sentencing comparison is made (PRODUCT.md §6). */
  SENTENCING_MINIMUM_N: z.coerce.number({ message: "must be a number" }).int().min(2).max(10000).default(DEFAULT_SENTENCING_MINIMUM_N),
  /**
   * The population denominators' order of preference (stats/population.ts): datasets for every
   * country, then a country's own: "tps00001,demo_pjan,demo_gind,migr_pop1ctz,SP.POP.TOTL; GB=SP.POP.TOTL".
   */
  POPULATION_ORDER: z
    .string()
    .transform((v, ctx): PopulationOrder => {
      const order = parsePopulationOrder(v);
      if ("problem" in order) {
        ctx.addIssue({ code: "custom", message: order.problem });
        return z.NEVER;
      }
      return order;
    })
    .default(DEFAULT_POPULATION_ORDER),
  /**
   * Single sign-on through an OpenID Connect provider: its issuer URL (discovery), this client's id
   * and secret, and the URL the provider sends the browser back to (this server's
   * /api/v1/auth/oidc/callback). All four, or none (then there is no single sign-on).
   */
  OIDC_ISSUER_URL: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URL: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional(),
  /** What the sign-in page's button says ("Sign in with …"). */
  OIDC_PROVIDER_NAME: z.string().min(1).max(60).default("single sign-on"),
  /** The ID token claim that grants a role to a new account, and how its values map to roles. Without both, nobody is created by SSO. */
  OIDC_ROLE_CLAIM: z.string().min(1).optional(),
  OIDC_ROLE_MAP: roleMapping.optional(),
  /** The claim naming the post (its code) of a new reporter or approver. */
  OIDC_POST_CLAIM: z.string().min(1).default("rapporteur_post"),
  /** E-mail of the administrator created on the first start of an empty database. */
  BOOTSTRAP_ADMIN_EMAIL: z.email().default("admin@rapporteur.local"),
  /**
   * The Ed25519 key that signs audit checkpoints (PEM). Kept out of the database on purpose; made,
   * readable by its owner only, when absent. Default: audit-signing-key.pem in the data folder
   * (beside a SQLite database file, else ./data).
   */
  AUDIT_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** The append-only file of signed checkpoints (JSON lines). Default: audit-checkpoints.jsonl in the data folder. */
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  /** Pin the public key checkpoints must be signed with (as `rapporteur audit key` prints it). */
  AUDIT_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, "must be the 44 characters of base64 that `rapporteur audit key` prints")
    .optional(),
  /** The server checkpoints the audit chain this often, when events were recorded since the last one. */
  AUDIT_CHECKPOINT_INTERVAL_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(300),
  /**
   * E-mail of notifications through an SMTP server: smtp://[user:password@]host[:port] (STARTTLS when
   * the server offers it) or smtps:// (TLS from the start). Unset: notifications are in the inbox only.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: "must be an smtp:// or smtps:// URL" }).optional(),
  /** The sender of notification e-mails: an address, or "Name <address>". Needed with SMTP_URL. */
  SMTP_FROM: mailbox.optional(),
  /** Refuse an SMTP server whose TLS certificate does not verify (set false only for a test server). */
  SMTP_TLS_REJECT_UNAUTHORIZED: booleanFlag.default(true),
  /** The address people reach this server at (https://rapporteur.example.org): e-mails link to its pages. Needed with SMTP_URL. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).optional(),
  /** The hour (UTC, 0–23) the daily digest of notifications is sent to those who chose it. */
  NOTIFICATION_DIGEST_HOUR: z.coerce.number({ message: "must be a number" }).int().min(0).max(23).default(7),
  /** How often the server turns new events into notifications and sends the e-mails due, in seconds. */
  NOTIFICATION_INTERVAL_SECONDS: z.coerce.number({ message: "must be a number" }).int().min(1).max(3600).default(15),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Variables whose value may hold a secret (an SMTP URL's password): an error names them without the value. */
const SECRET_VALUES = new Set(["SMTP_URL", "OIDC_CLIENT_SECRET"]);

/** Parse the given environment (process.env by default). Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== "") relevant[key] = value;
  }
  const parsed = configSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "environment");
        const given = relevant[name];
        // A value that may hold a password is not repeated into the logs.
        const shown = given === undefined || SECRET_VALUES.has(name) ? "" : ` (got ${JSON.stringify(given)})`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const oidc = ["OIDC_ISSUER_URL", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_REDIRECT_URL"] as const;
  const given = oidc.filter((name) => parsed.data[name] !== undefined);
  if (given.length > 0 && given.length < oidc.length) {
    throw new ConfigError(
      oidc.filter((name) => parsed.data[name] === undefined).map((name) => `${name}: is needed for single sign-on (${given.join(", ")} given)`),
    );
  }
  if (parsed.data.SMTP_URL !== undefined) {
    const missing = (["SMTP_FROM", "PUBLIC_URL"] as const).filter((name) => parsed.data[name] === undefined);
    if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name}: is needed to send e-mail (SMTP_URL given)`));
  }
  return parsed.data;
}

export type MailConfigName = "SMTP_URL" | "SMTP_FROM" | "SMTP_TLS_REJECT_UNAUTHORIZED" | "PUBLIC_URL" | "NOTIFICATION_DIGEST_HOUR";

/** How notification e-mails are sent, or null when they are not (no SMTP_URL: the inbox only). */
export interface MailSettings {
  smtpUrl: string;
  from: string;
  rejectUnauthorized: boolean;
  /** The server's public address, without a trailing slash. */
  publicUrl: string;
  digestHour: number;
}

export function mailSettings(config: Partial<Pick<Config, MailConfigName>>): MailSettings | null {
  if (!config.SMTP_URL || !config.SMTP_FROM || !config.PUBLIC_URL) return null;
  return {
    smtpUrl: config.SMTP_URL,
    from: config.SMTP_FROM,
    rejectUnauthorized: config.SMTP_TLS_REJECT_UNAUTHORIZED ?? true,
    publicUrl: config.PUBLIC_URL.replace(/\/+$/, ""),
    digestHour: config.NOTIFICATION_DIGEST_HOUR ?? 7,
  };
}

export type OidcConfigName =
  | "OIDC_ISSUER_URL"
  | "OIDC_CLIENT_ID"
  | "OIDC_CLIENT_SECRET"
  | "OIDC_REDIRECT_URL"
  | "OIDC_PROVIDER_NAME"
  | "OIDC_ROLE_CLAIM"
  | "OIDC_ROLE_MAP"
  | "OIDC_POST_CLAIM";

/** The single sign-on settings, or null when it is off. */
export function oidcSettings(config: Partial<Pick<Config, OidcConfigName>>): OidcSettings | null {
  if (!config.OIDC_ISSUER_URL || !config.OIDC_CLIENT_ID || !config.OIDC_CLIENT_SECRET || !config.OIDC_REDIRECT_URL) return null;
  return {
    issuerUrl: config.OIDC_ISSUER_URL,
    clientId: config.OIDC_CLIENT_ID,
    clientSecret: config.OIDC_CLIENT_SECRET,
    redirectUrl: config.OIDC_REDIRECT_URL,
    providerName: config.OIDC_PROVIDER_NAME ?? "single sign-on",
    roleClaim: config.OIDC_ROLE_CLAIM ?? null,
    roleMap: config.OIDC_ROLE_MAP ?? {},
    postClaim: config.OIDC_POST_CLAIM ?? "rapporteur_post",
  };
}

export interface OidcSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  providerName: string;
  roleClaim: string | null;
  roleMap: Record<string, Role>;
  postClaim: string;
}

/** The folder audit checkpoint files default to: beside a SQLite database file, else ./data. */
function dataFolder(databaseUrl: string): string {
  const location = databaseUrl.startsWith("sqlite:") ? databaseUrl.slice("sqlite:".length) : "";
  return location !== "" && location !== ":memory:" ? dirname(resolve(location)) : resolve("data");
}

/** Where the audit signing key and checkpoint file are, and the pinned public key if any. */
export function auditCheckpointSettings(
  config: Pick<Config, "DATABASE_URL"> & Partial<Pick<Config, "AUDIT_SIGNING_KEY_FILE" | "AUDIT_CHECKPOINT_FILE" | "AUDIT_PUBLIC_KEY">>,
) {
  const folder = dataFolder(config.DATABASE_URL);
  return {
    signingKeyFile: resolve(config.AUDIT_SIGNING_KEY_FILE ?? join(folder, "audit-signing-key.pem")),
    checkpointFile: resolve(config.AUDIT_CHECKPOINT_FILE ?? join(folder, "audit-checkpoints.jsonl")),
    publicKey: config.AUDIT_PUBLIC_KEY,
  };
}
