// TOTP (RFC 6238) through otpauth: SHA-1, 6 digits, 30-second steps, a code of the step before or
// after accepted too (clocks drift). Which step a code belongs to is returned, so the caller can
// refuse a step already used (second-factor-repo.ts takeStep). Recovery codes: ten random codes of
// ten letters and digits (50 bits each), shown once, stored as SHA-256 like session tokens.
import { randomInt } from "node:crypto";
import { Secret, TOTP } from "otpauth";

const ISSUER = "Rapporteur";
const RECOVERY_CODE_COUNT = 10;
// No 0/O, 1/I/L: easy to copy from paper.
const RECOVERY_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

function totp(secret: string, label = ""): TOTP {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

/** A new secret (160 bits, base32, as authenticator apps take it). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, accountEmail: string): string {
  return totp(secret, accountEmail).toString();
}

/** The step the code belongs to when it is right now (±1 step), else null. */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const generator = totp(secret);
  const delta = generator.validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : generator.counter({ timestamp: now }) + delta;
}

/** Ten fresh recovery codes, as the user is shown them ("abcde-fghjk"). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]!).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A recovery code as typed (any case, spaces or dashes) in the one form its hash is made of. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, "");
}

/** Whether what was typed looks like a recovery code rather than a TOTP code. */
export function looksLikeRecoveryCode(code: string): boolean {
  return normaliseRecoveryCode(code).length === 10;
}
