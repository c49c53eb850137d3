// Taxonomy versions: admins publish a new version as a whole list of categories. Records keep the
// version they were recorded under; new records and changed categories use the newest version.
import { z } from "zod";
import { parentCode, TAXONOMY_V1 } from "../../domain/taxonomy.js";
import { calendarDate, text } from "../common/schema.js";

const category = z.strictObject({
  code: z.string().regex(/^[A-Z]{2,3}(\.[A-Z]+)?$/, "must be a code such as SV or SV.RAPE"),
  label: text(1, 200),
  iccs: z
    .string()
    .regex(/^[0-9]{2,6}([–,\- ]+[0-9]{2,6})*$/, "must be ICCS codes such as 0301, 02043–02044 or 01, 0201")
    .nullable()
    .default(null),
});

export const taxonomyVersionInput = z
  .strictObject({
    label: text(1, 200),
    effective_from: calendarDate,
    categories: z.array(category).min(1, "a taxonomy needs at least one category").max(500),
  })
  .superRefine((value, ctx) => {
    const codes = new Set<string>();
    value.categories.forEach((c, i) => {
      if (codes.has(c.code)) ctx.addIssue({ code: "custom", path: ["categories", i, "code"], message: `${c.code} is listed twice` });
      codes.add(c.code);
    });
    value.categories.forEach((c, i) => {
      const parent = parentCode(c.code);
      if (parent !== null && !codes.has(parent)) {
        ctx.addIssue({ code: "custom", path: ["categories", i, "code"], message: `its parent ${parent} is not in the list` });
      }
    });
  })
  .meta({
    // The first version with one category added: a new version lists every category it keeps.
    example: {
      label: "Rapporteur taxonomy 2026",
      effective_from: "2026-01-01",
      categories: [...TAXONOMY_V1.categories, { code: "HC.ONLINE", label: "Hate crime: online incitement", iccs: null }],
    },
  });
export type TaxonomyVersionInput = z.output<typeof taxonomyVersionInput>;

export const taxonomyOutput = z.object({
  version: z.number().int(),
  label: z.string(),
  effective_from: z.string(),
  categories: z.array(z.object({ code: z.string(), parent_code: z.string().nullable(), label: z.string(), iccs: z.string().nullable() })),
});

export const taxonomyVersionList = z.object({
  items: z.array(z.object({ version: z.number().int(), label: z.string(), effective_from: z.string(), categories: z.number().int(), created_at: z.string() })),
});
