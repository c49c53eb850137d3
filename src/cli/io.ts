// Shared CLI plumbing: argument parsing with clear usage errors, opening the context from the
// environment, and turning errors into messages and exit codes.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ConfigError, loadConfig, type Config } from "../config.js";
import { openContext, type AppContext } from "../context.js";
import { AppError } from "../domain/errors.js";

export class UsageError extends Error {}

export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\nusage: ${usage}`);
  }
}

export function requireOption(value: string | boolean | undefined, name: string, usage: string): string {
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} is required\nusage: ${usage}`);
  return value;
}

export async function withContext<T>(run: (context: AppContext, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const context = await openContext(config);
  try {
    return await run(context, config);
  } finally {
    await context.close();
  }
}

/** Print an error for a person at a terminal and return the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`rapporteur: ${error.message}\n`);
    return 2;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`rapporteur: ${error.message}\n`);
    return 78; // EX_CONFIG
  }
  if (error instanceof AppError) {
    process.stderr.write(`rapporteur: ${error.message}\n`);
    for (const issue of error.issues) process.stderr.write(`  ${issue.path}: ${issue.message}\n`);
    return 1;
  }
  process.stderr.write(`rapporteur: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Rows under a header, each column as wide as its widest cell, two spaces apart (the `list` commands' tables). */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join("  ")
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join("\n")}\n`;
}
