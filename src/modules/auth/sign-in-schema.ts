// The shapes of sign-in's steps: the account with the step still open, the second factor's codes
// and enrolment, and what the sign-in page may offer. (Beside schema.ts, which the users module
// imports, because these build on the users module's own shape.)
import { z } from "zod";
import { userOutput } from "../users/schema.js";

/** Who is signed in, and which step of the sign-in is still open. */
export const accountOutput = userOutput.extend({
  sign_in_step: z.enum(["second_factor", "second_factor_enrolment"]).nullable().meta({
    description:
      "second_factor: give a code (POST /api/v1/auth/second-factor/verify) before anything else; second_factor_enrolment: set up a second factor first (your role requires one).",
  }),
  second_factor: z.object({ enabled: z.boolean(), required: z.boolean().meta({ description: "Your role must sign in with a second factor." }) }),
});
export type AccountOutput = z.infer<typeof accountOutput>;

/** A TOTP code (6 digits) or a recovery code. */
export const secondFactorCodeInput = z
  .strictObject({ code: z.string().min(6, "must be the 6 digits of your authenticator app, or a recovery code").max(32, "must be at most 32 characters") })
  .meta({ example: { code: "123456" } });

export const enrolmentOutput = z.object({
  secret: z.string().meta({ description: "The TOTP secret (base32), to type into an authenticator app by hand." }),
  otpauth_uri: z.string().meta({ description: "The otpauth:// URI, shown as a QR code." }),
});

export const recoveryCodesOutput = z.object({
  recovery_codes: z
    .array(z.string())
    .meta({ description: "Shown this once: each lets you sign in once without your authenticator app. Only their hashes are kept." }),
});

export const secondFactorStatus = z.object({
  enabled: z.boolean(),
  required: z.boolean(),
  recovery_codes_left: z.number().int(),
});

export const signInOptions = z.object({
  sso: z.object({ name: z.string().meta({ description: "The identity provider's name, for the button." }) }).nullable(),
});
