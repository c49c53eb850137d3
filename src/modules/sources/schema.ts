// Sources: where a record's information comes from, graded on the two Admiralty axes.
import { z } from "zod";
import { INFORMATION_CREDIBILITY, SOURCE_KINDS, SOURCE_RELIABILITY } from "../../domain/vocabulary.js";
import { pastDate, searchText, text, uuid, version } from "../common/schema.js";

// A URL as a browser would send it: no spaces or control characters (percent-encode them), which
// `new URL` would silently trim or encode while the raw text went to the database (NUL: a 500 on
// PostgreSQL), and no lone surrogates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this pattern refuses
const URL_FORBIDDEN = /[\s\u0000-\u001f\u007f\uD800-\uDFFF]/u;

const httpUrl = z
  .string()
  .max(2000, "must be at most 2000 characters")
  .refine((v) => !URL_FORBIDDEN.test(v), "must not contain spaces or control characters; percent-encode them")
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "http:" || u.protocol === "https:") && u.hostname.length > 0;
    } catch {
      return false;
    }
  }, "must be an http or https URL")
  .meta({ format: "uri" });

const sourceFields = {
  kind: z.enum(SOURCE_KINDS),
  publisher: text(1, 200),
  title: text(1, 500),
  url: httpUrl.nullable().optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "must be a language code such as en, de or pt-BR")
    .nullable()
    .optional(),
  published_date: pastDate.nullable().optional(),
  archived_sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "must be a SHA-256 digest in lowercase hex")
    .nullable()
    .optional(),
  reliability: z.enum(SOURCE_RELIABILITY).meta({ description: "Admiralty source reliability: A completely reliable … F cannot be judged" }),
  credibility: z
    .number()
    .int("must be a whole number")
    .refine((v) => (INFORMATION_CREDIBILITY as readonly number[]).includes(v), "must be 1 to 6")
    .meta({ description: "Admiralty information credibility: 1 confirmed … 6 cannot be judged", minimum: 1, maximum: 6 }),
};

export const sourceExample = {
  kind: "news",
  publisher: "Example Daily",
  title: "Police investigate assault near central station",
  url: "https://news.example.org/2025/06/15/assault-central-station",
  language: "de",
  published_date: "2025-06-15",
  reliability: "B",
  credibility: 2,
} as const;

export const sourceInput = z.strictObject({ ...sourceFields, synthetic: z.boolean().default(false) }).meta({ example: sourceExample });
export type SourceInput = z.infer<typeof sourceInput>;

export const sourcePatch = z
  .strictObject(sourceFields)
  .partial()
  .extend({ version })
  .meta({ example: { version: 1, reliability: "A", credibility: 1 } });
export type SourcePatch = z.infer<typeof sourcePatch>;

/** Link an existing source to an incident. */
export const sourceReference = z.strictObject({ source_id: uuid }).meta({ example: { source_id: "0193a1a2-0000-7000-8000-000000000000" } });

export const sourceOutput = z.object({
  id: z.string(),
  kind: z.enum(SOURCE_KINDS),
  publisher: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  language: z.string().nullable(),
  published_date: z.string().nullable(),
  archived_sha256: z.string().nullable(),
  reliability: z.enum(SOURCE_RELIABILITY),
  credibility: z.number().int(),
  synthetic: z.boolean(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type SourceOutput = z.infer<typeof sourceOutput>;

export const sourceListQuery = z.strictObject({
  q: searchText.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const sourceList = z.object({ items: z.array(sourceOutput), next_cursor: z.string().nullable() });
