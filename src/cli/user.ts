// `rapporteur user add --email E --name N --role ROLE [--post CODE] --password-stdin`.
// The password is read from standard input so it never appears in the shell history or `ps`.
import { userInput } from "../modules/users/schema.js";
import { CLI_ACTOR } from "../modules/auth/actor.js";
import { ValidationError } from "../domain/errors.js";
import { formatIssues } from "../http/issues.js";
import { parseOptions, readStdin, requireOption, UsageError, withContext } from "./io.js";

const USAGE = "rapporteur user add --email E --name N --role ROLE [--post CODE] --password-stdin";

export async function run(args: string[]): Promise<number | void> {
  const [sub, ...rest] = args;
  if (sub !== "add") throw new UsageError(`unknown user command "${sub ?? ""}"\nusage: ${USAGE}`);
  const { values } = parseOptions(
    rest,
    {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      post: { type: "string" },
      "password-stdin": { type: "boolean" },
    },
    USAGE,
  );
  if (!values["password-stdin"]) throw new UsageError(`--password-stdin is required (pipe the password in)\nusage: ${USAGE}`);
  const password = (await readStdin()).replace(/\r?\n$/, "");
  const parsed = userInput.safeParse({
    email: requireOption(values.email, "email", USAGE),
    name: requireOption(values.name, "name", USAGE),
    role: requireOption(values.role, "role", USAGE),
    post: values.post,
    password,
  });
  if (!parsed.success) throw new ValidationError(formatIssues("", parsed.error.issues), "The user was not created.");
  await withContext(async ({ services }) => {
    const user = await services.users.createUser(CLI_ACTOR, parsed.data);
    process.stdout.write(`Created ${user.role} ${user.email} (post ${user.post}, id ${user.id}).\n`);
  });
}
