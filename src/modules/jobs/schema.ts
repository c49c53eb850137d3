// Jobs as the API shows them: where a job stands, its progress, how it ended, and the list query.
import { z } from "zod";
import { JOB_KINDS, JOB_STATES } from "../../domain/vocabulary.js";
import { uuid } from "../common/schema.js";

const jobError = z.object({
  code: z.string(),
  message: z.string().meta({ description: "What went wrong, in words." }),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type JobError = z.infer<typeof jobError>;

export const jobOutput = z.object({
  id: uuid,
  kind: z.enum(JOB_KINDS),
  state: z.enum(JOB_STATES),
  attempts: z.number().int(),
  max_attempts: z.number().int(),
  progress: z.object({
    done: z.number().int(),
    total: z.number().int().nullable(),
    message: z.string().nullable().meta({ description: "What the job is doing, in words." }),
  }),
  result: z.unknown().nullable().meta({ description: "What the job produced when it succeeded (for an import: its report)." }),
  error: jobError.nullable().meta({ description: "Why the last attempt failed, when it did." }),
  run_after: z.string().meta({ description: "When a queued job may next be tried." }),
  requested_by: z.object({ id: uuid, name: z.string() }).nullable(),
  requested_post: z.string().nullable(),
  created_at: z.string(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  updated_at: z.string(),
});
export type JobOutput = z.infer<typeof jobOutput>;

export const jobIdParams = z.strictObject({ id: uuid });

export const jobListQuery = z.strictObject({
  state: z.enum(JOB_STATES).optional(),
  limit: z.coerce.number().int("must be a whole number").min(1, "must be at least 1").max(200, "must be at most 200").default(50),
  cursor: uuid.optional().meta({ description: "The next_cursor of the previous page." }),
});
export type JobListQuery = z.infer<typeof jobListQuery>;

export const jobList = z.object({ items: z.array(jobOutput), next_cursor: z.string().nullable() });
export type JobList = z.infer<typeof jobList>;
