// What the benchmark writes: one synthetic reporter per embassy (the service records authorship,
// so it needs real users) and batches of synthetic incidents, each batch from one post, as an
// embassy importing a file would send them. Everything is flagged synthetic by the generator.
import { randomBytes } from "node:crypto";
import type { Services } from "../src/context.js";
import { EMBASSIES } from "../src/db/seed/posts.js";
import type { Role } from "../src/domain/vocabulary.js";
import { CLI_ACTOR, type UserActor } from "../src/modules/auth/actor.js";
import { generateIncidents } from "../src/modules/demo/generator.js";
import type { IncidentInput } from "../src/modules/incidents/schema.js";

const BENCH_EMAIL_DOMAIN = "bench.rapporteur.invalid";

/** A reporter for every embassy, created through the user service like the demo's authors. */
export async function createReporters(services: Pick<Services, "users">): Promise<UserActor[]> {
  const reporters: UserActor[] = [];
  for (const { code } of EMBASSIES) {
    const user = await services.users.createUser(CLI_ACTOR, {
      email: `reporter.${code.toLowerCase()}@${BENCH_EMAIL_DOMAIN}`,
      name: `Synthetic benchmark reporter (${code})`,
      role: "reporter",
      post: code,
      // Nobody signs in as these users; they exist to own the synthetic records.
      password: randomBytes(24).toString("base64url"),
    });
    reporters.push({ kind: "user", id: user.id, email: user.email, name: user.name, role: user.role as Role, postCode: user.post });
  }
  return reporters;
}

/**
 * Hands out batches, each from the post that has the fewest incidents so far, so every post ends up
 * equally represented whatever the batch sizes, and a filter such as country=DE matches about one
 * incident in 35. Each batch has its own seed, so no two are alike.
 */
export function batchSource(reporters: UserActor[]) {
  const written = reporters.map(() => 0);
  let seed = 0;
  return (size: number): { reporter: UserActor; incidents: IncidentInput[] } => {
    const index = written.indexOf(Math.min(...written));
    written[index]! += size;
    seed += 1;
    const reporter = reporters[index]!;
    return { reporter, incidents: generateIncidents(size, { seed, countries: [reporter.postCode] }) };
  };
}

/** A bureau analyst, the dashboard's usual reader (sees everything submitted, in every country). */
export async function createAnalyst(services: Pick<Services, "users">): Promise<UserActor> {
  const user = await services.users.createUser(CLI_ACTOR, {
    email: `analyst@${BENCH_EMAIL_DOMAIN}`,
    name: "Synthetic benchmark analyst",
    role: "analyst",
    password: randomBytes(24).toString("base64url"),
  });
  return { kind: "user", id: user.id, email: user.email, name: user.name, role: user.role as Role, postCode: user.post };
}
