// What other modules may use of the jobs module besides its service: the types of a queued job and of the queue.
export type { JobOutput } from "./schema.js";
export type { JobService } from "./service.js";
export { jobOutput } from "./schema.js";
// The one backoff rule (exponential, capped, with jitter): the e-mail outbox retries by it too.
export { backoffMs } from "./runner.js";
