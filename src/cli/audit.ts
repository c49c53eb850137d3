// `rapporteur audit verify`: check the audit log's hash chain from the first event to the chain
// head. Exit 0 when it is intact; 1, naming the first bad event, when any event was altered,
// deleted or reordered.
import { CLI_ACTOR } from "../modules/auth/actor.js";
import { parseOptions, UsageError, withContext } from "./io.js";

const USAGE = "rapporteur audit verify";

export async function run(args: string[]): Promise<number | void> {
  const [sub, ...rest] = args;
  if (sub !== "verify") throw new UsageError(`unknown audit command "${sub ?? ""}"\nusage: ${USAGE}`);
  const { positionals } = parseOptions(rest, {}, USAGE);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"\nusage: ${USAGE}`);
  return withContext(async ({ services }) => {
    const result = await services.audit.verify(CLI_ACTOR);
    const events = (n: number) => `${n} event${n === 1 ? "" : "s"}`;
    if (result.ok) {
      process.stdout.write(`The audit log is intact: ${events(result.checked)} checked.\n`);
      return 0;
    }
    const bad = result.firstBad!;
    process.stderr.write(`rapporteur: audit event ${bad.id}: ${bad.reason}\n`);
    process.stderr.write(`The audit log has been tampered with: ${events(result.checked)} intact before event ${bad.id}.\n`);
    return 1;
  });
}
