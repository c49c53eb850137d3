// A clock a test sets: the date services see (a tasking falls due, then overdue) moves when the
// test says, never with the wall clock. Given to the context as its `clock` setting.
import type { Clock } from "../domain/clock.js";

export interface TestClock extends Clock {
  /** From now on the date is `day` (YYYY-MM-DD), at noon UTC. */
  set(day: string): void;
  /** From now on the time is `iso` (an ISO timestamp in UTC): a digest's hour, say. */
  setTime(iso: string): void;
  /** Move the time on by `ms` (an e-mail's retry coming due). */
  advance(ms: number): void;
}

export function testClock(day: string): TestClock {
  let now = `${day}T12:00:00.000Z`;
  return {
    now: () => now,
    today: () => now.slice(0, 10),
    set(next) {
      now = `${next}T12:00:00.000Z`;
    },
    setTime(iso) {
      now = new Date(iso).toISOString();
    },
    advance(ms) {
      now = new Date(Date.parse(now) + ms).toISOString();
    },
  };
}
