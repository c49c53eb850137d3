// A warning, not a filter: free text is scanned on save for what looks like a person's name, an
// e-mail address or a phone number (PRODUCT.md §8: incidents are about events, not people). The
// rules favour few false alarms over completeness; the person saving decides.

export type PersonalDataKind = "name" | "email" | "phone";

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** The text that looks personal, as written. */
  text: string;
  /** Which field it is in, in the person's words ("Summary"). */
  field: string;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// Digits with the separators phone numbers are written with; checked further below.
const PHONE_CANDIDATE = /(?:\+|\b00)?\(?\d[\d ()./-]{5,}\d/g;
const DATE_LIKE = /^\d{4}[-./]\d{1,2}[-./]\d{1,4}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/;

const CAPITALISED = "\\p{Lu}[\\p{Ll}'’-]+";
const HONORIFIC = new RegExp(
  `\\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Herr|Frau|Monsieur|Madame|Mme|Mlle|Señor|Señora|Sr|Sra|Signor|Signora|Sig|Sig\\.ra|Pan|Pani|Heer|Mevrouw|Mevr)\\.?\\s+${CAPITALISED}(?:\\s+${CAPITALISED})?`,
  "gu",
);
const NAMED = new RegExp(`\\b(?:named|called|namens|genannt|nommée?|llamad[oa]|chiamat[oa])\\s+${CAPITALISED}(?:\\s+${CAPITALISED})?`, "gu");

/** Common given names across the host countries: a first name followed by a capitalised word reads as a full name. */
const GIVEN_NAMES = new Set(
  `Aaron Adam Adrian Agnieszka Ahmed Ali Alexander Alexandra Alice Amelia Ana Andrea Andreas Andrew Anna Anne Anton Antonio Artur
  Barbara Ben Benjamin Bernd Camille Carlos Carmen Charlotte Chloe Christian Christina Claire Daniel David Dieter Dimitri Elena Elias
  Elif Elisabeth Emil Emily Emma Eric Erik Eva Fatima Felix Finn Florian Francesca Francesco Frank Franz Fredrik Gabriel Georg George
  Giulia Giuseppe Grace Hannah Hans Harry Helena Hugo Ibrahim Ingrid Isabel Isabella Ivan Jack Jakob James Jan Jana Javier Jean Jens
  Jessica Johan Johann Johannes John Jonas Jose José Josef Joseph Juan Julia Julian Karl Karin Katarzyna Kevin Klaus Lars Laura Lea
  Lena Leon Liam Lisa Louis Louise Luca Lucas Lucia Lukas Magdalena Maria Marie Marco Marek Mark Markus Martin Mary Mateusz Matteo
  Max Maximilian Mehmet Michael Michel Mohamed Mohammed Muhammad Mustafa Nadia Nicolas Nils Noah Nora Olga Olivia Omar Oscar Pablo
  Paul Pedro Peter Petra Philipp Pierre Piotr Rafael Robert Sara Sarah Sebastian Sofia Sophie Stefan Stephan Susanne Sven Thomas
  Tobias Tom Ursula Victor Viktor Wolfgang Yusuf Zoe`.split(/\s+/),
);
// A lookahead, so pairs may overlap: in "Witness Anna Schmidt" both "Witness Anna" and "Anna Schmidt" are seen.
const CAPITALISED_PAIR = new RegExp(`(?<!\\p{L})(?=(${CAPITALISED})\\s+(${CAPITALISED}))`, "gu");

function phoneNumbers(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(PHONE_CANDIDATE)) {
    const candidate = match[0].trim();
    const digits = candidate.replace(/\D/g, "");
    if (digits.length < 8 || digits.length > 15) continue;
    if (DATE_LIKE.test(candidate)) continue;
    // International form, or long enough with the spacing numbers are written in.
    if (/^(\+|00)/.test(candidate) || (digits.length >= 9 && /[ ./-]/.test(candidate))) found.push(candidate);
  }
  return found;
}

function names(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(HONORIFIC)) found.add(match[0]);
  for (const match of text.matchAll(NAMED)) found.add(match[0]);
  for (const match of text.matchAll(CAPITALISED_PAIR)) {
    if (GIVEN_NAMES.has(match[1]!)) found.add(`${match[1]} ${match[2]}`);
  }
  return [...found];
}

/** Everything in `fields` (label → text) that looks like personal data. */
export function findPersonalData(fields: Record<string, string | null | undefined>): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (!value) continue;
    const emails = [...value.matchAll(EMAIL)].map((m) => m[0]);
    emails.forEach((text) => findings.push({ kind: "email", text, field }));
    // An e-mail's digits are not a phone number too.
    const rest = emails.reduce((t, e) => t.replace(e, " "), value);
    phoneNumbers(rest).forEach((text) => findings.push({ kind: "phone", text, field }));
    names(rest).forEach((text) => findings.push({ kind: "name", text, field }));
  }
  return findings;
}

export const PERSONAL_DATA_KIND_LABELS: Record<PersonalDataKind, string> = { name: "a person's name", email: "an e-mail address", phone: "a phone number" };
