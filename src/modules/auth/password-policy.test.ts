import { describe, expect, it } from "vitest";
import { COMMON_LONG_PASSWORDS, COMMON_WORDS } from "./common-passwords.js";
import { passwordProblem } from "./password-policy.js";
import { oneTimePassword } from "./passwords.js";

const owner = { email: "maria.schmidt@example.org", name: "Maria Schmidt" };

describe("the password policy", () => {
  it("when the shipped list is read, then it holds hundreds of passwords of 12 characters or more, and the words to build the rest", () => {
    expect(COMMON_LONG_PASSWORDS.length).toBeGreaterThanOrEqual(300);
    expect(COMMON_LONG_PASSWORDS.filter((p) => [...p].length < 12)).toEqual([]);
    expect(new Set(COMMON_LONG_PASSWORDS).size).toBe(COMMON_LONG_PASSWORDS.length);
    expect(COMMON_WORDS.length).toBeGreaterThan(150);
  });

  it("when a password on the list is chosen, in any capitalisation, then it is refused as common", () => {
    for (const password of COMMON_LONG_PASSWORDS) expect(passwordProblem(password), password).toMatch(/most commonly used/);
    expect(passwordProblem("QWERTY123456")).toMatch(/most commonly used/);
    expect(passwordProblem("Correct Horse Battery Staple")).toMatch(/most commonly used/);
  });

  it("when a common word only gets digits, a year, symbols or look-alike letters, then it is refused", () => {
    for (const password of [
      "Password2031!",
      "P@ssw0rd!2031",
      "Welcome#2027!",
      "Sunshine8642!",
      "iloveyou!!!!!!",
      "Berlin1990Berlin",
      "Dragon-1987-!!",
      "summer-winter-2024",
      "L3tm31n!L3tm31n",
    ]) {
      expect(passwordProblem(password), password).not.toBeNull();
    }
  });

  it("when the password is one character repeated, a repeated piece, or a keyboard or alphabet run, then it is refused", () => {
    for (const password of [
      "aaaaaaaaaaaaaa",
      "ab12ab12ab12ab12",
      "xyzxyzxyzxyz",
      "9876543210987",
      "poiuytrewqlkj",
      "mnbvcxzlkjhgf",
      "qwertzuiop2029",
      "abcdefghijk!!",
    ]) {
      expect(passwordProblem(password), password).not.toBeNull();
    }
  });

  it("when the password is the user's e-mail or name, or built from them, then it is refused", () => {
    expect(passwordProblem("maria.schmidt@example.org", owner)).toMatch(/name or e-mail/);
    expect(passwordProblem("Maria Schmidt", { ...owner, name: "Maria Schmidt" })).not.toBeNull();
    expect(passwordProblem("MariaSchmidt1975!", owner)).toMatch(/name or e-mail/);
    expect(passwordProblem("schmidt.maria.2024", owner)).toMatch(/name or e-mail/);
    // The same password is fine for someone else.
    expect(passwordProblem("MariaSchmidt1975!", { email: "j.doe@example.org", name: "Jane Doe" })).toBeNull();
  });

  it("when the password contains the user's e-mail address, its local part or their full name, with anything around it, in any case, then it is refused", () => {
    for (const password of [
      "2024maria.schmidt@example.org99",
      "12maria.schmidt@example.org34",
      "MARIA.SCHMIDT@EXAMPLE.ORG!1",
      "mariaschmidt@example.org",
      "xx-maria.schmidt-xx-77",
      "example.org.maria.schmidt1",
      "m.a.r.i.a.schmidt1",
      "violet Maria Schmidt harbour",
      "tractor m4ria.schm1dt lantern",
    ]) {
      expect(passwordProblem(password, owner), password).toMatch(/name or e-mail/);
    }
    // Someone else's address is no concern of this policy, nor are the domain's words on their own.
    expect(passwordProblem("xx-maria.schmidt-xx-77", { email: "j.doe@example.org", name: "Jane Doe" })).toBeNull();
    expect(passwordProblem("violet example tractor 47", owner)).toBeNull();
  });

  it("when the password is under 12 characters, then it is refused by length", () => {
    expect(passwordProblem("Zq8#kLm2vX!")).toMatch(/at least 12/);
  });

  it("when the password is a passphrase or random, then it is accepted", () => {
    for (const password of [
      "violet tractor harbour 47",
      "a long enough password",
      "Kestrel-Quarry-Lantern-Oboe",
      "mein Hund heißt Bruno seit 2019",
      "x7$Lq!93vZ#mPa",
      "pw-9f2c4b1e0a7d3c5b6e8f1a2b",
    ]) {
      expect(passwordProblem(password, owner), password).toBeNull();
    }
    for (let i = 0; i < 200; i++) {
      const password = oneTimePassword();
      expect(passwordProblem(password, owner), password).toBeNull();
    }
  });
});
