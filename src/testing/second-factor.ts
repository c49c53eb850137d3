// Second factors in tests: the code an authenticator app would show (otpauth, independently of the
// server's own check), and a test user's second factor set up through the API as the web app does.
import { Secret, TOTP } from "otpauth";
import type { TestEnv, TestUser } from "./harness.js";

/** The TOTP code for `secret` now, or `steps` 30-second steps later (the server accepts ±1). */
export function totpCode(secret: string, steps = 0): string {
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  return totp.generate({ timestamp: Date.now() + steps * 30_000 });
}

/** The TOTP code of one 30-second step (the one the server last accepted, to try replaying it). */
export function totpCodeOfStep(secret: string, step: number): string {
  const totp = new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
  return totp.generate({ timestamp: step * 30_000 });
}

/** Set up a second factor for the signed-in user: its secret and the recovery codes shown once. */
export async function enrolSecondFactor(env: TestEnv, user: TestUser): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await env.request(user, { method: "POST", url: "/api/v1/auth/second-factor/enrolment" });
  if (started.statusCode !== 200) throw new Error(`enrolment failed: ${started.statusCode} ${started.body}`);
  const { secret } = started.json() as { secret: string };
  const confirmed = await env.request(user, { method: "POST", url: "/api/v1/auth/second-factor/enrolment/confirm", json: { code: totpCode(secret) } });
  if (confirmed.statusCode !== 200) throw new Error(`enrolment confirmation failed: ${confirmed.statusCode} ${confirmed.body}`);
  return { secret, recoveryCodes: (confirmed.json() as { recovery_codes: string[] }).recovery_codes };
}
