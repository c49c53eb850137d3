// `rapporteur user add --email E --name N --role ROLE [--post CODE] --password-stdin` and
// `rapporteur user reset-password --email E`. The password is read from standard input so it never
// appears in the shell history or `ps`; a reset prints a one-time password once (the way back in
// for an administrator who forgot theirs or is locked out); `user reset-second-factor --email E`
// removes a second factor (the way back in for an administrator who lost their phone and codes).
import { userInput } from "../modules/users/schema.js";
import { CLI_ACTOR } from "../modules/auth/actor.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { formatIssues } from "../modules/common/issues.js";
import { parseOptions, readStdin, requireOption, UsageError, withContext } from "./io.js";

const ADD = "rapporteur user add --email E --name N --role ROLE [--post CODE] --password-stdin";
const RESET = "rapporteur user reset-password --email E";
const RESET_SECOND_FACTOR = "rapporteur user reset-second-factor --email E";
const USAGE = `${ADD}\n       ${RESET}\n       ${RESET_SECOND_FACTOR}`;

export async function run(args: string[]): Promise<number | void> {
  const [sub, ...rest] = args;
  if (sub === "add") return add(rest);
  if (sub === "reset-password") return resetPassword(rest);
  if (sub === "reset-second-factor") return resetSecondFactor(rest);
  throw new UsageError(`unknown user command "${sub ?? ""}"\nusage: ${USAGE}`);
}

async function add(rest: string[]): Promise<void> {
  const { values } = parseOptions(
    rest,
    {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      post: { type: "string" },
      "password-stdin": { type: "boolean" },
    },
    ADD,
  );
  if (!values["password-stdin"]) throw new UsageError(`--password-stdin is required (pipe the password in)\nusage: ${ADD}`);
  const password = (await readStdin()).replace(/\r?\n$/, "");
  const parsed = userInput.safeParse({
    email: requireOption(values.email, "email", ADD),
    name: requireOption(values.name, "name", ADD),
    role: requireOption(values.role, "role", ADD),
    post: values.post,
    password,
  });
  if (!parsed.success) throw new ValidationError(formatIssues("", parsed.error.issues), "The user was not created.");
  await withContext(async ({ services }) => {
    const user = await services.users.createUser(CLI_ACTOR, parsed.data);
    process.stdout.write(`Created ${user.role} ${user.email} (post ${user.post}, id ${user.id}).\n`);
  });
}

async function resetPassword(rest: string[]): Promise<void> {
  const { values } = parseOptions(rest, { email: { type: "string" } }, RESET);
  const email = requireOption(values.email, "email", RESET);
  await withContext(async ({ services }) => {
    const found = await services.users.findByEmail(email);
    if (!found) throw new NotFoundError(`A user with the e-mail ${email}`);
    const { user, one_time_password } = await services.users.resetPassword(CLI_ACTOR, found.id);
    process.stdout.write(
      `Reset the password of ${user.email}: their sessions and API tokens have ended${user.disabled ? " (the account is still disabled)" : ""}.\n` +
        `One-time password (shown this once; to be changed at the next sign-in):\n\n    ${one_time_password}\n\n`,
    );
  });
}

async function resetSecondFactor(rest: string[]): Promise<void> {
  const { values } = parseOptions(rest, { email: { type: "string" } }, RESET_SECOND_FACTOR);
  const email = requireOption(values.email, "email", RESET_SECOND_FACTOR);
  await withContext(async ({ services }) => {
    const found = await services.users.findByEmail(email);
    if (!found) throw new NotFoundError(`A user with the e-mail ${email}`);
    const user = await services.users.resetSecondFactor(CLI_ACTOR, found.id);
    process.stdout.write(`Removed the second factor of ${user.email}; their sessions have ended. They set up a new one at their next sign-in.\n`);
  });
}
