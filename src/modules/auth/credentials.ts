// What sessions and API tokens share: random secrets, stored only as their SHA-256, and ending
// them all at once when an account's password is reset or the account is disabled, or removing its
// second factor when an admin resets it (the users module calls these; their SQL is in repo.ts and
// second-factor-repo.ts).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export { endSessions, revokeApiTokens } from "./repo.js";
export { removeSecondFactor } from "./second-factor-repo.js";

/** 256 random bits, URL-safe (43 characters). */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** Compare two secrets in constant time (a CSRF token against the session's). */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
