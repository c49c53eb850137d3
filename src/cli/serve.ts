// `rapporteur serve`: open (and if needed create and migrate) the database, make the first
// administrator of an empty install, and listen.
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { openContext } from "../context.js";

export async function run(): Promise<number | void> {
  const config = loadConfig();
  const context = await openContext(config);
  const admin = await context.services.users.ensureFirstAdmin(config.BOOTSTRAP_ADMIN_EMAIL);
  const app = await buildApp(context, { config });
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const url = `http://${config.HOST.includes(":") ? `[${config.HOST}]` : config.HOST}:${port}`;
  process.stdout.write(`\nRapporteur is serving ${url} on ${context.dialect === "sqlite" ? config.DATABASE_URL : "PostgreSQL"}\n`);
  if (admin) {
    process.stdout.write(
      [
        "",
        "  This is a new installation. An administrator has been created:",
        "",
        `      e-mail:   ${admin.email}`,
        `      password: ${admin.password}`,
        "",
        "  The password is shown this once and must be changed after signing in.",
        `  Sign in:  curl -c cookies.txt -H 'content-type: application/json' \\`,
        `              -d '{"email":"${admin.email}","password":"${admin.password}"}' ${url}/api/v1/auth/login`,
        "  More users: npx rapporteur user add --email E --name N --role reporter --post DE --password-stdin",
        "",
      ].join("\n") + "\n",
    );
  }

  const stop = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    await app.close();
    await context.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}
