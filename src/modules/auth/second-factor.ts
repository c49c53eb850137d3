// Your second factor: set it up (a new TOTP secret, shown as a QR code and as text, taken only once
// a code made with it is typed back), see whether it is on, turn it off where your role does not
// require it, and make new recovery codes. Ten recovery codes are made at enrolment and shown
// once; only their SHA-256 is kept. The sign-in step itself is in service.ts.
//
// Secrets are stored as they are (base32) in the database, beside the password hashes: a copy of
// the database gives the second factor but not the password. Encrypting them with a key kept off
// the database host would close that; it is not done yet.
import type { Kysely } from "kysely";
import { nowIso } from "../../domain/clock.js";
import { AppError, ValidationError } from "../../domain/errors.js";
import type { Database } from "../../db/types.js";
import type { Role } from "../../domain/vocabulary.js";
import { recordAudit } from "../audit/audit.js";
import type { UserActor } from "./actor.js";
import { sha256 } from "./credentials.js";
import { authorize } from "./policy.js";
import {
  confirmSecondFactor,
  countUnusedRecoveryCodes,
  findSecondFactor,
  putPendingSecondFactor,
  removeSecondFactor,
  replaceRecoveryCodes,
  takeStep,
  spendRecoveryCode,
} from "./second-factor-repo.js";
import { looksLikeRecoveryCode, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpStep, totpUri } from "./totp.js";

export function secondFactorService(db: Kysely<Database>, options: { requiredRoles: readonly Role[] }) {
  const required = (actor: UserActor) => options.requiredRoles.includes(actor.role);

  async function status(actor: UserActor) {
    authorize(actor, "account.self");
    const factor = await findSecondFactor(db, actor.id);
    const enabled = factor?.confirmed_at != null;
    return { enabled, required: required(actor), recovery_codes_left: enabled ? await countUnusedRecoveryCodes(db, actor.id) : 0 };
  }

  /** A new secret for the user to put in an authenticator app; nothing changes until confirmEnrolment. */
  async function startEnrolment(actor: UserActor) {
    authorize(actor, "account.self");
    const factor = await findSecondFactor(db, actor.id);
    if (factor?.confirmed_at) throw new AppError(409, "second_factor_enabled", "Your second factor is already set up; turn it off first to set up another.");
    const secret = newTotpSecret();
    await putPendingSecondFactor(db, actor.id, secret, nowIso());
    return { secret, otpauth_uri: totpUri(secret, actor.email) };
  }

  async function recoveryCodes(trx: Kysely<Database>, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await replaceRecoveryCodes(
      trx,
      userId,
      codes.map((code) => sha256(normaliseRecoveryCode(code))),
      nowIso(),
    );
    return codes;
  }

  /** Turn the second factor on with a code made from the new secret; answers the recovery codes, shown this once. */
  async function confirmEnrolment(actor: UserActor, code: string) {
    authorize(actor, "account.self");
    const factor = await findSecondFactor(db, actor.id);
    if (factor?.confirmed_at) throw new AppError(409, "second_factor_enabled", "Your second factor is already set up.");
    if (!factor) throw new AppError(409, "second_factor_not_started", "Start setting up a second factor first: there is no new secret to confirm.");
    const step = totpStep(factor.secret, code);
    if (step === null || !(await takeStep(db, actor.id, step))) {
      throw new ValidationError([{ path: "code", message: "is not right: type the 6 digits your authenticator app shows now" }]);
    }
    return db.transaction().execute(async (trx) => {
      await confirmSecondFactor(trx, actor.id, nowIso());
      const codes = await recoveryCodes(trx, actor.id);
      await recordAudit(trx, actor, { action: "auth.second_factor_enable", entityType: "user", entityId: actor.id, after: { recovery_codes: codes.length } });
      return { recovery_codes: codes };
    });
  }

  /** Turn it off, with a current code, where the role does not require one. */
  async function disable(actor: UserActor, code: string) {
    authorize(actor, "account.self");
    if (required(actor)) throw new AppError(409, "second_factor_required", "Your role requires a second factor: it cannot be turned off.");
    const factor = await findSecondFactor(db, actor.id);
    if (!factor?.confirmed_at) throw new AppError(409, "second_factor_not_enabled", "You have no second factor to turn off.");
    const ok = looksLikeRecoveryCode(code)
      ? await spendRecoveryCode(db, actor.id, sha256(normaliseRecoveryCode(code)), nowIso())
      : await (async () => {
          const step = totpStep(factor.secret, code);
          return step !== null && (await takeStep(db, actor.id, step));
        })();
    if (!ok) throw new ValidationError([{ path: "code", message: "is not right, or was used already" }]);
    await db.transaction().execute(async (trx) => {
      await removeSecondFactor(trx, actor.id);
      await recordAudit(trx, actor, { action: "auth.second_factor_disable", entityType: "user", entityId: actor.id });
    });
    return status(actor);
  }

  /** New recovery codes in place of the old ones (all of which stop working). */
  async function regenerateRecoveryCodes(actor: UserActor) {
    authorize(actor, "account.self");
    const factor = await findSecondFactor(db, actor.id);
    if (!factor?.confirmed_at) throw new AppError(409, "second_factor_not_enabled", "Set up a second factor first.");
    return db.transaction().execute(async (trx) => {
      const codes = await recoveryCodes(trx, actor.id);
      await recordAudit(trx, actor, {
        action: "auth.recovery_codes_regenerate",
        entityType: "user",
        entityId: actor.id,
        after: { recovery_codes: codes.length },
      });
      return { recovery_codes: codes };
    });
  }

  return { status, startEnrolment, confirmEnrolment, disable, regenerateRecoveryCodes };
}

export type SecondFactorService = ReturnType<typeof secondFactorService>;
