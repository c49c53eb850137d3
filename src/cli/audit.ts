// `rapporteur audit verify | checkpoint | key`. verify checks the audit log's hash chain from the
// first event to the chain head and against every signed checkpoint: exit 0 when it is intact; 1,
// naming the first bad event or the checkpoint it contradicts, when any event was altered,
// deleted or reordered, or the tail cut. checkpoint signs the chain head now. key prints the
// signing key's public half, for AUDIT_PUBLIC_KEY on a verifier.
import { CLI_ACTOR } from "../modules/auth/actor.js";
import { parseOptions, UsageError, withContext } from "./io.js";

const USAGE = "rapporteur audit verify | rapporteur audit checkpoint | rapporteur audit key";
const COMMANDS = ["verify", "checkpoint", "key"] as const;
type Command = (typeof COMMANDS)[number];

const events = (n: number) => `${n} event${n === 1 ? "" : "s"}`;

export async function run(args: string[]): Promise<number | void> {
  const [sub, ...rest] = args;
  if (!COMMANDS.includes(sub as Command)) throw new UsageError(`unknown audit command "${sub ?? ""}"\nusage: ${USAGE}`);
  const { positionals } = parseOptions(rest, {}, USAGE);
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"\nusage: ${USAGE}`);
  return withContext(async ({ services }) => {
    if (sub === "key") {
      process.stdout.write(`${services.audit.publicKey(CLI_ACTOR)}\n`);
      return 0;
    }
    if (sub === "checkpoint") {
      const checkpoint = await services.audit.checkpoint(CLI_ACTOR);
      process.stdout.write(`Checkpoint ${checkpoint.sequence} signed: the audit log up to event ${checkpoint.last_event_id}.\n`);
      return 0;
    }
    const result = await services.audit.verify(CLI_ACTOR);
    const latest = result.latestCheckpoint;
    const against = latest
      ? `, against ${result.checkpoints} signed checkpoint${result.checkpoints === 1 ? "" : "s"} (the newest, ${latest.sequence}, up to event ${latest.last_event_id})`
      : ", against no signed checkpoint yet";
    if (result.ok) {
      process.stdout.write(`The audit log is intact: ${events(result.checked)} checked${against}.\n`);
      return 0;
    }
    const bad = result.firstBad!;
    // A checkpoint's own problem (forged, missing, unreadable) is about the checkpoint, not an event.
    const ownProblem = bad.kind === "checkpoint" && !bad.reason.startsWith("contradicts");
    process.stderr.write(`rapporteur: ${ownProblem ? "audit " : `audit event ${bad.id}: `}${bad.reason}\n`);
    process.stderr.write(`The audit log has been tampered with: ${events(result.checked)} intact before event ${bad.id}.\n`);
    return 1;
  });
}
