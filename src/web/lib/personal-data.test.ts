import { describe, expect, it } from "vitest";
import { findPersonalData } from "./personal-data.js";

const kinds = (text: string) => findPersonalData({ Summary: text }).map((f) => `${f.kind}:${f.text}`);

describe("personal data in free text", () => {
  it("when the text has an e-mail address, then it is found", () => {
    expect(kinds("Contact the officer at j.doe@police.example.de for details.")).toEqual(["email:j.doe@police.example.de"]);
  });

  it("when the text has a phone number in international or spaced form, then it is found", () => {
    expect(kinds("Call +49 30 1234567 or 030 123 456 78.")).toEqual(["phone:+49 30 1234567", "phone:030 123 456 78"]);
  });

  it("when the text has dates, years, counts and case numbers, then none is taken for a phone number", () => {
    expect(kinds("On 2025-06-14 and 14.06.2025, 12 people; case 123 Js 456/24; 1,250,000 euros; between 2024 and 2025.")).toEqual([]);
  });

  it("when a name follows an honorific, 'named', or a common given name, then it is found", () => {
    expect(kinds("Herr Müller was questioned.")).toEqual(["name:Herr Müller"]);
    expect(kinds("A man named Karim Benali was detained.")).toEqual(["name:named Karim Benali"]);
    expect(kinds("Witness Anna Schmidt said so.")).toEqual(["name:Anna Schmidt"]);
  });

  it("when capitalised words are places, institutions or sentence starts, then nothing is flagged", () => {
    expect(kinds("Berlin Police report an assault at Central Station. The Regional Court of Lyon will rule in June.")).toEqual([]);
  });

  it("when several fields are given, then each finding names its field", () => {
    expect(findPersonalData({ Title: "Assault in Lyon", Summary: "Mr. Dupont called 0033 1 23 45 67 89" })).toEqual([
      { kind: "phone", text: "0033 1 23 45 67 89", field: "Summary" },
      { kind: "name", text: "Mr. Dupont", field: "Summary" },
    ]);
  });
});
