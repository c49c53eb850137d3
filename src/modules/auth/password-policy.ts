// What makes a password acceptable: at least 12 characters, not one of the most common passwords,
// and not built only from predictable pieces (common words, keyboard and alphabet runs, years,
// repeated characters, the user's own name or e-mail) with digits and symbols around them, and not
// containing the user's e-mail address, its local part or their full name anywhere. Applied
// wherever a password is chosen: user creation, a password change, an admin's reset.
import { ValidationError } from "../../domain/errors.js";
import { COMMON_LONG_PASSWORDS, COMMON_WORDS } from "./common-passwords.js";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

const COMMON = new Set(COMMON_LONG_PASSWORDS.map((p) => p.toLowerCase()));
const WORDS = [...new Set(COMMON_WORDS.map((w) => w.toLowerCase()))].filter((w) => w.length >= 4);

/** Runs people type without thinking; any 4 characters of one, either way round, are predictable. */
const SEQUENCES = [
  "abcdefghijklmnopqrstuvwxyz",
  "01234567890",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "qwertzuiop",
  "yxcvbnm",
  "azertyuiop",
  "wxcvbn",
  "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
  "zaq12wsxcde34rfvbgt56yhnmju78ik",
  "1q2w3e4r5t6y7u8i9o0p",
  "qweasdzxc",
  "147258369",
  "159753",
  "789456123",
];

/** Look-alike characters people substitute in words ("p@ssw0rd"); "1" may stand for i or l. */
const LEET: Record<string, string[]> = {
  "@": ["a"],
  "4": ["a"],
  "0": ["o"],
  "3": ["e"],
  $: ["s"],
  "5": ["s"],
  "7": ["t"],
  "+": ["t"],
  "!": ["i"],
  "1": ["i", "l"],
  "|": ["l"],
  "8": ["b"],
  "9": ["g"],
};

export interface PasswordOwner {
  email?: string | undefined;
  name?: string | undefined;
}

/** Why the password is refused, for the person choosing it; null when it is acceptable. */
export function passwordProblem(password: string, owner: PasswordOwner = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  const squeezed = lower.replace(/\s+/g, "");
  if (COMMON.has(lower) || COMMON.has(squeezed)) return "is one of the most commonly used passwords; choose another";
  if (new Set(squeezed).size < 5) return "uses too few different characters; choose another";
  if (/^(.+?)\1+$/.test(squeezed)) return "is one short piece repeated; choose another";

  const own = ownWords(owner);
  if (own.some((w) => squeezed === w) || (owner.email && squeezed === owner.email.toLowerCase())) {
    return "must not be your name or e-mail address";
  }
  if (containsOwnIdentity(lower, owner)) return "must not contain your name or e-mail address; choose another";
  const general = markPredictable(lower, WORDS);
  const withOwn = markPredictable(lower, [...WORDS, ...own]);
  if (isTrivial(lower, withOwn)) {
    return isTrivial(lower, general)
      ? "is too easy to guess: a common word or keyboard pattern with digits, a year or symbols; choose another"
      : "must not be built from your name or e-mail address; choose another";
  }
  return null;
}

/** Throw a validation error naming `path` unless the password is acceptable. */
export function assertAcceptablePassword(password: string, owner: PasswordOwner, path = "password"): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw new ValidationError([{ path, message: problem }]);
}

/**
 * Letters and digits only, look-alikes undone one way (`pick`): "M.a-r!a 1" and "maria1" read alike.
 * Whatever surrounds or separates the pieces then no longer hides them.
 */
function skeleton(text: string, pick: 0 | 1): string {
  return leetVariants([...text.toLowerCase()])
    [pick]!.join("")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * Whether the password holds, anywhere in it, the owner's whole e-mail address, its local part or
 * their full name (each of 4 characters or more): digits, symbols or other words around it do not
 * make it less guessable to someone who knows whose account it is.
 */
function containsOwnIdentity(lower: string, owner: PasswordOwner): boolean {
  const [local = ""] = (owner.email ?? "").split("@");
  const identities = [owner.email ?? "", local, owner.name ?? ""];
  return ([0, 1] as const).some((pick) => {
    const password = skeleton(lower, pick);
    return identities.some((identity) => {
      const piece = skeleton(identity, pick);
      return piece.length >= 4 && password.includes(piece);
    });
  });
}

/** Pieces of the owner's name and e-mail that someone guessing would try (4 characters or more). */
function ownWords(owner: PasswordOwner): string[] {
  const words = new Set<string>();
  const add = (w: string) => {
    const clean = w.toLowerCase().replace(/\s+/g, "");
    if (clean.length >= 4) words.add(clean);
  };
  if (owner.email) {
    const [local = "", domain = ""] = owner.email.toLowerCase().split("@");
    add(local);
    local.split(/[^\p{L}\p{N}]+/u).forEach(add);
    domain.split(".").slice(0, -1).forEach(add);
  }
  if (owner.name) {
    add(owner.name);
    owner.name.split(/[^\p{L}\p{N}]+/u).forEach(add);
  }
  return [...words];
}

/**
 * Which characters of `lower` belong to a predictable piece: a word from `words` (also when written
 * with look-alike characters), 4 or more characters of a keyboard or alphabet run, a year, one
 * character three times or more.
 */
function markPredictable(lower: string, words: readonly string[]): boolean[] {
  const chars = [...lower];
  const marked = chars.map(() => false);
  const mark = (start: number, length: number) => {
    for (let i = start; i < start + length; i++) marked[i] = true;
  };
  for (const variant of leetVariants(chars)) {
    const text = variant.join("");
    for (const word of words) {
      for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
        // indexOf counts UTF-16 units; the variants hold one code point per slot, so map back.
        const start = [...text.slice(0, at)].length;
        mark(start, [...word].length);
      }
    }
  }
  for (let start = 0; start < chars.length; start++) {
    let end = start + 1;
    while (end < chars.length && inSequence(chars.slice(start, end + 1).join(""))) end++;
    if (end - start >= 4) mark(start, end - start);
  }
  for (const match of lower.matchAll(/(19|20)\d\d/g)) mark([...lower.slice(0, match.index)].length, 4);
  for (const match of lower.matchAll(/(.)\1{2,}/gu)) mark([...lower.slice(0, match.index)].length, [...match[0]].length);
  return marked;
}

function inSequence(piece: string): boolean {
  const reversed = [...piece].reverse().join("");
  return SEQUENCES.some((s) => s.includes(piece) || s.includes(reversed));
}

/**
 * The characters with look-alikes undone. Words hold only letters, so undoing every look-alike at
 * once finds every word the original has and more; "1" may be i or l, hence two readings.
 */
function leetVariants(chars: string[]): string[][] {
  return [0, 1].map((pick) => chars.map((c) => LEET[c]?.[Math.min(pick, LEET[c]!.length - 1)] ?? c));
}

/** What is left once the predictable pieces are taken away is too little to matter. */
function isTrivial(lower: string, marked: boolean[]): boolean {
  const rest = [...lower].filter((_, i) => !marked[i]).join("");
  const letters = rest.replace(/[^\p{L}]/gu, "");
  return rest.length < 4 || (letters.length === 0 && rest.length < 6);
}
