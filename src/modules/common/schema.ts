// Zod building blocks shared by every module's schema: text with limits, dates, codes, ids,
// the error envelope. Validation messages are written for the person who sent the request.
import { z } from "zod";
import { isCalendarDate } from "../../domain/dates.js";
import { todayUtc } from "../../domain/clock.js";

// Control characters other than tab and newlines have no place in records (and NUL cannot be stored
// in PostgreSQL text at all), so they are refused rather than silently stripped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this pattern refuses
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// Half of a UTF-16 surrogate pair on its own: not Unicode text, and no database can store it (it
// would come back as U+FFFD). With the `u` flag this class matches only unpaired halves.
export const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export function text(min: number, max: number) {
  return z
    .string()
    .min(min, min === 1 ? "must not be empty" : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !CONTROL_CHARACTERS.test(v), "must not contain control characters")
    .refine((v) => !LONE_SURROGATE.test(v), "must be valid Unicode text (it has an unpaired surrogate)")
    .refine((v) => min === 0 || v.trim().length > 0, "must not be blank");
}

/** Text to search for: anything a person can type, up to 200 characters. */
export const searchText = z
  .string()
  .max(200, "must be at most 200 characters")
  .refine((v) => !CONTROL_CHARACTERS.test(v), "must not contain control characters")
  .refine((v) => !LONE_SURROGATE.test(v), "must be valid Unicode text (it has an unpaired surrogate)");

/**
 * A calendar date both databases can store. PostgreSQL has no year 0 ("0000-01-01" is refused
 * with an error), so the year must be 1 or later; four digits keep it below 10000.
 */
export function isStorableDate(value: string): boolean {
  return isCalendarDate(value) && value >= "0001-01-01";
}

export const calendarDate = z
  .string()
  .refine(isCalendarDate, "must be a calendar date written YYYY-MM-DD")
  .refine((v) => !isCalendarDate(v) || isStorableDate(v), "must be in the year 1 or later")
  .meta({ format: "date", example: "2025-06-14" });

/** A date that is not after tomorrow (UTC): events and publications are in the past. */
export const pastDate = calendarDate.refine((v) => v <= addOneDay(todayUtc()), "must not be in the future");

function addOneDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code in capitals, such as DE")
  .meta({ example: "DE" });

export const postCode = z
  .string()
  .regex(/^([A-Z]{2}|BUREAU)$/, "must be a post code: a country's alpha-2 code or BUREAU")
  .meta({ example: "DE" });

export const uuid = z.uuid("must be a UUID");

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR");

/** A sentence as a court gives it: what an incident's legal status and a case outcome both record. */
export const sentenceShape = {
  custodial_months: z.number().min(0).max(1200).nullable().default(null),
  suspended: z.boolean().nullable().default(null),
  fine: z
    .strictObject({ amount: z.number().min(0).max(1e9), currency: currencyCode })
    .nullable()
    .default(null),
  other: text(1, 500).nullable().default(null),
};

/** JSON text in a query parameter (an upload's column mapping), read and checked by `schema`. */
export function jsonParameter<T extends z.ZodType>(schema: T, what: string) {
  return z
    .string()
    .max(20_000)
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch (error) {
        ctx.addIssue({ code: "custom", message: `must be ${what} as JSON (${(error as Error).message})` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

export const version = z.number().int("must be a whole number").min(1, "must be at least 1");

export const count = z.number().int("must be a whole number").min(0, "must not be negative").max(1_000_000, "is implausibly large");

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
    current_version: z.number().int().optional().meta({ description: "On a version conflict: the version now stored." }),
  }),
});

/** Comma-separated list in a query string ("DE,FR"), each item checked by `item`. */
export function queryList<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    )
    .pipe(z.array(item).min(1).max(50));
}

/**
 * A review step on a record that follows the incidents' path without publication (a tasking
 * response, an engagement): submit, clear, accept, or return with a comment for the post.
 */
export function reviewStep(noun: string) {
  return z
    .strictObject({
      action: z.enum(["submit", "clear", "accept", "return"]),
      comment: text(1, 5000)
        .optional()
        .meta({ description: `Required to return ${noun}: what the post should change.` }),
      version,
    })
    .refine((v) => v.action !== "return" || v.comment !== undefined, { path: ["comment"], message: "a return needs a comment saying what to change" })
    .meta({ example: { action: "submit", version: 1 } });
}

export const queryBoolean = z.enum(["true", "false"], 'must be "true" or "false"').transform((v) => v === "true");
