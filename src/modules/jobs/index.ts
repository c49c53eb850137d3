// What other modules may use of the jobs module besides its service: the types of a queued job and of the queue.
export type { JobOutput } from "./schema.js";
export type { JobService } from "./service.js";
export { jobOutput } from "./schema.js";
