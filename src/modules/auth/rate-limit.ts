// A fixed-window counter per key (the client address, for sign-in attempts): it slows down
// guessing from one address and keeps argon2 from being used to burn the server's CPU. The
// counters live in the database (login_attempts, auth/repo.ts), so every app server on one
// database counts the same attempts, as the per-account lockout (service.ts) does.
import type { Kysely } from "kysely";
import type { Database } from "../../db/types.js";
import { countLoginAttempt, deleteEndedLoginWindows } from "./repo.js";

export interface RateLimiter {
  /** Count one attempt for `key`: allowed, or refused with the seconds until the window resets. */
  take(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
}

export function fixedWindowLimiter(db: Kysely<Database>, options: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
  const now = options.now ?? Date.now;
  return {
    async take(key) {
      const at = now();
      const { count, windowEndsAt } = await countLoginAttempt(db, key, at, options.windowMs);
      // A window has just begun: the ended ones of every address go, so the table holds only the
      // addresses seen in the last window (bounded by the traffic of one window, not of all time).
      if (count === 1) await deleteEndedLoginWindows(db, at);
      if (count <= options.limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowEndsAt - at) / 1000)) };
    },
  };
}
