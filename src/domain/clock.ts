// Time as strings: timestamps are ISO 8601 in UTC, calendar dates are YYYY-MM-DD. Nothing here
// reads the host time zone, so a server in Auckland and one in Los Angeles store the same text.

export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's date in UTC. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Where a service reads the time when the answer depends on it (a tasking's due date passing):
 * the system's clock in production, a clock a test sets (given through the context's settings).
 */
export interface Clock {
  now(): string;
  today(): string;
}

export const systemClock: Clock = { now: nowIso, today: todayUtc };
