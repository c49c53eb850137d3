// The server under test: the real app (API and built web app) on a fresh SQLite database,
// listening on a random loopback port in this process.
import type { Role } from "../../src/domain/vocabulary.js";
import { createTestEnv, type TestEnv, type TestUser } from "../../src/testing/harness.js";

export interface BrowserServer {
  url: string;
  env: TestEnv;
  /** A user of this role (and post) with a known password. */
  user(role: Role, post?: string): Promise<TestUser>;
  close(): Promise<void>;
}

export async function startServer(): Promise<BrowserServer> {
  const env = await createTestEnv("sqlite");
  await env.app.listen({ host: "127.0.0.1", port: 0 });
  const address = env.app.server.address();
  if (typeof address !== "object" || address === null) throw new Error("the server has no address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    env,
    user: (role, post) => env.user(role, post),
    close: () => env.close(),
  };
}
