// Users: the shapes the CLI and the admin API accept and return.
import { z } from "zod";
import { ROLES } from "../../domain/vocabulary.js";
import { postCode, queryBoolean, queryList, text, uuid } from "../common/schema.js";
import { newPassword } from "../auth/schema.js";

const email = z
  .email("must be an e-mail address")
  .max(254)
  .transform((v) => v.toLowerCase());

/** A new user with the password they will use (the CLI; the first administrator). */
export const userInput = z.strictObject({
  email,
  name: text(1, 120),
  role: z.enum(ROLES),
  post: postCode.optional(),
  password: newPassword,
});
export type UserInput = z.infer<typeof userInput>;

/**
 * A new user made by an administrator. Without a password a one-time one is made and shown once;
 * either way the user must choose their own at the first sign-in, since the admin knows this one.
 */
export const userCreateInput = z
  .strictObject({
    email,
    name: text(1, 120),
    role: z.enum(ROLES).meta({ description: "reporter and approver belong to an embassy (give `post`); the other roles to the bureau." }),
    post: postCode.optional(),
    password: newPassword.optional().meta({ description: "A first password; without one, a one-time password is made and returned once." }),
  })
  .meta({ example: { email: "consul.vienna@example.org", name: "Reporter Vienna", role: "reporter", post: "AT" } });
export type UserCreateInput = z.infer<typeof userCreateInput>;

export const userPatch = z
  .strictObject({
    name: text(1, 120).optional(),
    role: z.enum(ROLES).optional(),
    post: postCode.optional().meta({ description: "Needed when the role moves from the bureau to an embassy." }),
  })
  .refine((v) => v.name !== undefined || v.role !== undefined || v.post !== undefined, { message: "give at least one of name, role and post" })
  .meta({ example: { name: "Reporter Berlin (consular section)" } });
export type UserPatch = z.infer<typeof userPatch>;

export const userOutput = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  post: z.string(),
  must_change_password: z.boolean(),
  disabled: z.boolean(),
  created_at: z.string(),
});
export type UserOutput = z.infer<typeof userOutput>;

/** What administrators and auditors see of an account besides what its user sees. */
export const adminUserOutput = userOutput.extend({
  disabled_at: z.string().nullable(),
  locked_until: z.string().nullable().meta({ description: "Set after too many wrong passwords; sign-in is refused until then." }),
  failed_logins: z.number().int().meta({ description: "Wrong passwords since the last successful sign-in." }),
  password_changed_at: z.string().nullable(),
  updated_at: z.string(),
});
export type AdminUserOutput = z.infer<typeof adminUserOutput>;

export const userWithPassword = z.object({
  user: adminUserOutput,
  one_time_password: z.string().nullable().meta({
    description:
      "Shown this once and stored nowhere in clear; give it to the user, who must change it at the first sign-in. Null when the admin chose the password.",
  }),
});
export type UserWithPassword = z.infer<typeof userWithPassword>;

export const userListQuery = z.strictObject({
  role: queryList(z.enum(ROLES)).optional(),
  post: queryList(postCode).optional(),
  disabled: queryBoolean.optional(),
});
export type UserListQuery = z.output<typeof userListQuery>;

export const userList = z.object({ items: z.array(adminUserOutput) });

export const userIdParams = z.strictObject({ id: uuid });
