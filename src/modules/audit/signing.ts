// The key that signs audit checkpoints (checkpoints.ts): an Ed25519 key pair whose private half is
// kept in a file outside the database, so someone who can write to the database cannot sign a
// checkpoint for a log they rewrote. The public half is written as 44 characters of base64 (the
// raw 32-byte key), short enough for AUDIT_PUBLIC_KEY, which a verifier sets to pin the key.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

class SigningKeyError extends Error {}

/** The signing key in the file, created (readable by its owner only) when the file does not exist. */
export function loadOrCreateSigningKey(path: string): KeyObject {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const { privateKey } = generateKeyPairSync("ed25519");
    // flag "wx": if another process created the file meanwhile, fail here and read theirs below.
    try {
      writeFileSync(path, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600, flag: "wx" });
      chmodSync(path, 0o600); // the mode given to writeFileSync is narrowed by the umask, never widened
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return readSigningKey(path);
}

export function readSigningKey(path: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(readFileSync(path));
  } catch (error) {
    throw new SigningKeyError(`the audit signing key ${path} cannot be read: ${(error as Error).message}`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new SigningKeyError(`the audit signing key ${path} is not an Ed25519 key`);
  return key;
}

/** The public key (or a private key's public half) as base64 of its 32 raw bytes. */
export function formatPublicKey(key: KeyObject): string {
  const jwk = (key.type === "public" ? key : createPublicKey(key)).export({ format: "jwk" });
  return Buffer.from(jwk.x!, "base64url").toString("base64");
}

/** A public key from `formatPublicKey`'s text; throws SigningKeyError when it is not one. */
export function parsePublicKey(text: string): KeyObject {
  const raw = Buffer.from(text.trim(), "base64");
  if (raw.length !== 32 || raw.toString("base64") !== text.trim()) {
    throw new SigningKeyError("an audit public key is 44 characters of base64 (32 bytes), as `rapporteur audit key` prints it");
  }
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
}

export function signText(key: KeyObject, text: string): string {
  return sign(null, Buffer.from(text, "utf8"), key).toString("base64");
}

export function verifyText(publicKey: KeyObject, text: string, signature: string): boolean {
  try {
    return verify(null, Buffer.from(text, "utf8"), publicKey, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
