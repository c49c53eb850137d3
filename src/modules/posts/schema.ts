// Posts administration: an embassy's code is its host country's alpha-2 code, so a new post is
// named by its country; the bureau exists once and is seeded.
import { z } from "zod";
import { countryCode, text } from "../common/schema.js";

export const postInput = z
  .strictObject({
    country_code: countryCode.meta({ description: "The host country; it is also the post's code." }),
    name: text(1, 200),
    city: text(1, 120),
  })
  .meta({ example: { country_code: "JP", name: "Embassy in Japan", city: "Tokyo" } });
export type PostInput = z.infer<typeof postInput>;

/** Many posts at once (the worldwide country-report tasking covers posts in every country): all or none. */
export const postBatchInput = z
  .strictObject({ posts: z.array(postInput).min(1, "name at least one post").max(250) })
  .superRefine((batch, ctx) => {
    const seen = new Set<string>();
    batch.posts.forEach((post, i) => {
      if (seen.has(post.country_code)) ctx.addIssue({ code: "custom", path: ["posts", i, "country_code"], message: "is named twice" });
      seen.add(post.country_code);
    });
  })
  .meta({
    example: {
      posts: [
        { country_code: "KR", name: "Embassy in the Republic of Korea", city: "Seoul" },
        { country_code: "MX", name: "Embassy in Mexico", city: "Mexico City" },
      ],
    },
  });
export type PostBatchInput = z.infer<typeof postBatchInput>;

/** A patch must change something: `{}` is refused (400) rather than answered as if a change were made and audited. */
export const postPatch = z
  .strictObject({ name: text(1, 200).optional(), city: text(1, 120).optional() })
  .refine((patch) => patch.name !== undefined || patch.city !== undefined, { message: "give at least one of name and city" })
  .meta({ example: { city: "Bonn" }, minProperties: 1 });
export type PostPatch = z.infer<typeof postPatch>;

export const postOutput = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(["embassy", "bureau"]),
  country_code: z.string().nullable(),
  city: z.string(),
});
export type PostOutput = z.infer<typeof postOutput>;

export const postCodeParams = z.strictObject({ code: z.string().regex(/^([A-Z]{2}|BUREAU)$/, "must be a post code such as DE") });
