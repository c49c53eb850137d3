// Test plumbing for the CLI as a person uses it: run the real `rapporteur` command in a child
// process, and give each test file its own database for it — a temporary SQLite file, or a fresh
// PostgreSQL schema named through the URL's `options` (dropped afterwards).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import type { DialectName } from "../db/dialect.js";
import { testSchemaName } from "./databases.js";

export const RAPPORTEUR_BIN = resolve(import.meta.dirname, "../../bin/rapporteur.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `rapporteur ARGS` with only PATH and `env` in its environment, `stdin` piped in. */
export function rapporteur(args: string[], env: Record<string, string>, stdin = ""): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [RAPPORTEUR_BIN, ...args], {
      env: { PATH: process.env["PATH"] ?? "", LOG_LEVEL: "warn", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

export interface CliDatabase {
  /** The environment to run the command with (DATABASE_URL, and the audit checkpoint files in `dir`). */
  env: { DATABASE_URL: string; AUDIT_CHECKPOINT_FILE: string; AUDIT_SIGNING_KEY_FILE: string };
  /** A scratch folder for files the test writes. */
  dir: string;
  /** PostgreSQL only: the schema, for a test's own connection (`openContext(..., { schema })`). */
  schema: string;
  /** The server URL without the schema option, for a test's own connection. */
  baseUrl: string;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
}

/** A database for one CLI test file; call setUp in beforeAll and tearDown in afterAll. */
export function cliDatabase(kind: DialectName, name: string): CliDatabase {
  const dir = mkdtempSync(join(tmpdir(), `rapporteur-${name}-`));
  const schema = testSchemaName();
  const baseUrl = process.env["TEST_DATABASE_URL"] ?? "";
  const url =
    kind === "sqlite"
      ? `sqlite:${join(dir, `${name}.db`)}`
      : `${baseUrl}${baseUrl.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const onServer = async (sql: string) => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    env: { DATABASE_URL: url, AUDIT_CHECKPOINT_FILE: join(dir, "audit-checkpoints.jsonl"), AUDIT_SIGNING_KEY_FILE: join(dir, "audit-signing-key.pem") },
    dir,
    schema,
    baseUrl,
    async setUp() {
      if (kind === "postgres") await onServer(`CREATE SCHEMA ${schema}`);
    },
    async tearDown() {
      rmSync(dir, { recursive: true, force: true });
      if (kind === "postgres") await onServer(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}
