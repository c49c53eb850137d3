// A clock a test sets: the date services see (a tasking falls due, then overdue) moves when the
// test says, never with the wall clock. Given to the context as its `clock` setting.
import type { Clock } from "../domain/clock.js";

export interface TestClock extends Clock {
  /** From now on the date is `day` (YYYY-MM-DD), at noon UTC. */
  set(day: string): void;
}

export function testClock(day: string): TestClock {
  let today = day;
  return {
    now: () => `${today}T12:00:00.000Z`,
    today: () => today,
    set(next) {
      today = next;
    },
  };
}
