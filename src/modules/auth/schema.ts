// Sign-in, password change and API tokens: the shapes the API accepts and returns.
import { z } from "zod";
import { text, uuid } from "../common/schema.js";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-policy.js";

export const loginInput = z
  .strictObject({ email: z.string().min(1).max(254), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) })
  .meta({ example: { email: "admin@rapporteur.local", password: "the one-time password printed at first start" } });

/** A password someone chooses: the length here, the rest of the policy (common passwords, ...) in the service. */
export const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);

export const passwordChangeInput = z
  .strictObject({ current_password: z.string().min(1).max(MAX_PASSWORD_LENGTH), new_password: newPassword })
  .meta({ example: { current_password: "the password you signed in with", new_password: "violet tractor harbour 47" } });
export type PasswordChangeInput = z.infer<typeof passwordChangeInput>;

const API_TOKEN_MAX_DAYS = 366;

export const apiTokenInput = z
  .strictObject({
    name: text(1, 100).meta({ description: "What the token is for, to recognise it in the list later." }),
    expires_in_days: z
      .number()
      .int("must be a whole number")
      .min(1, "must be at least 1")
      .max(API_TOKEN_MAX_DAYS, `must be at most ${API_TOKEN_MAX_DAYS}`)
      .default(90)
      .meta({ description: "The token stops working after this many days (90 unless given)." }),
  })
  .meta({ example: { name: "nightly export to the statistics desk", expires_in_days: 30 } });
export type ApiTokenInput = z.infer<typeof apiTokenInput>;

export const apiTokenOutput = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(["active", "revoked", "expired"]),
  created_at: z.string(),
  expires_at: z.string().nullable(),
  last_used_at: z.string().nullable().meta({ description: "Updated at most once a minute." }),
  revoked_at: z.string().nullable(),
});
export type ApiTokenOutput = z.infer<typeof apiTokenOutput>;

export const apiTokenCreated = apiTokenOutput.extend({
  token: z.string().meta({ description: "The secret, shown this once: send it as `Authorization: Bearer <token>`. Only its SHA-256 is stored." }),
});

export const apiTokenList = z.object({ items: z.array(apiTokenOutput) });

export const apiTokenParams = z.strictObject({ id: uuid });
