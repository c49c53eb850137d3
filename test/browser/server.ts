// The server under test: the real app (API and built web app) on a fresh SQLite database,
// listening on a random loopback port in this process.
import type { Role } from "../../src/domain/vocabulary.js";
import { createTestEnv, type TestEnv, type TestEnvOptions, type TestUser } from "../../src/testing/harness.js";

export interface BrowserServer {
  url: string;
  env: TestEnv;
  /** A user of this role (and post) with a known password. */
  user(role: Role, post?: string): Promise<TestUser>;
  close(): Promise<void>;
}

/** `port`: where to listen (0: any free one); `options`: settings other than the tests' defaults. */
export async function startServer(options: TestEnvOptions = {}, port = 0): Promise<BrowserServer> {
  const env = await createTestEnv("sqlite", options);
  await env.app.listen({ host: "127.0.0.1", port });
  const address = env.app.server.address();
  if (typeof address !== "object" || address === null) throw new Error("the server has no address");
  return {
    url: `http://127.0.0.1:${address.port}`,
    env,
    user: (role, post) => env.user(role, post),
    close: () => env.close(),
  };
}
