// Users: the shapes the CLI and (later) the admin API accept and return.
import { z } from "zod";
import { ROLES } from "../../domain/vocabulary.js";
import { postCode, text } from "../common/schema.js";
import { MIN_PASSWORD_LENGTH } from "../auth/passwords.js";

export const userInput = z.strictObject({
  email: z.email("must be an e-mail address").max(254).transform((v) => v.toLowerCase()),
  name: text(1, 120),
  role: z.enum(ROLES),
  post: postCode.optional(),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
});
export type UserInput = z.infer<typeof userInput>;

export const userOutput = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    post: z.string(),
    must_change_password: z.boolean(),
    disabled: z.boolean(),
    created_at: z.string(),
  })
  ;
export type UserOutput = z.infer<typeof userOutput>;
