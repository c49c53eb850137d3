// Password hashing with argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane), and one-time
// passwords for new accounts and resets. What makes a password acceptable is password-policy.ts.
import { randomBytes } from "node:crypto";
import argon2 from "argon2";

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** A hash of a random password, verified against when the e-mail is unknown so both cases take as long. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoy;
}

/** A random password to be shown once and changed at the first sign-in (144 bits, 24 characters). */
export function oneTimePassword(): string {
  return randomBytes(18).toString("base64url");
}
