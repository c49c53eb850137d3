// `rapporteur demo [--count N] [--seed S]`: synthetic incidents so a new user sees a living system.
import { DEMO_ENGAGEMENTS } from "../modules/demo/engagements.js";
import { runDemo } from "../modules/demo/service.js";
import { parseOptions, UsageError, withContext } from "./io.js";

const USAGE = "rapporteur demo [--count 300] [--seed 1]";

export async function run(args: string[]): Promise<number | void> {
  const { values } = parseOptions(args, { count: { type: "string", default: "300" }, seed: { type: "string", default: "1" } }, USAGE);
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new UsageError(`--count must be a whole number from 1 to 100000\nusage: ${USAGE}`);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number\nusage: ${USAGE}`);
  await withContext(async ({ services }) => {
    const result = await runDemo(services, { count, seed });
    const states = Object.entries(result.byState)
      .map(([s, n]) => `${s} ${n}`)
      .join(", ");
    process.stdout.write(
      `Added ${result.created} synthetic incidents (${states}) and ${result.caseOutcomes} synthetic case outcomes. Every one is flagged synthetic; incidents are titled [SYNTHETIC].\n`,
    );
    process.stdout.write(
      result.responses > 0
        ? `Issued two synthetic taskings (STATE 900001, STATE 900002) and answered them from ${result.responses} posts, with ${DEMO_ENGAGEMENTS} synthetic engagements with host governments.\n`
        : "The demo's two taskings were there already.\n",
    );
  });
}
