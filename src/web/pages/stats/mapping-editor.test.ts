import { describe, expect, it } from "vitest";
import { csvMapping } from "../../../modules/stats/importers/mapping.js";
import { buildMapping, choicesFromMapping, type ColumnChoice, type EditorChoices } from "./mapping-editor.js";

// A mapping a person wrote by hand, loaded into the editor and downloaded again: what the editor
// has no control for (a value column's own dimensions, unit and flag column; dimensions every row
// shares; how aggregates are taken) must come back as it was.
const header = ["Jahr", "Schlüssel", "Straftat", "Fälle", "Fälle Kennzeichen", "Tatverdächtige", "Quote"];
const before: EditorChoices = {
  publisher: "",
  code: "file",
  title: "",
  licence: "",
  url: "",
  delimiter: ";",
  sheet: null,
  headerRow: 1,
  columns: [],
  geoCodes: "iso2",
  constantGeo: "",
  constantPeriod: "",
  periodKind: "as-is",
  decimal: ".",
  thousands: "",
  missing: ":",
  unit: "",
  valueDetails: {},
  kept: {},
};

function roundTrip(mapping: Record<string, unknown>) {
  return buildMapping(header, choicesFromMapping(mapping, header, before));
}

describe("the mapping editor: a loaded mapping, downloaded again", () => {
  const written = {
    dataset: { publisher: "Bundeskriminalamt", code: "pks", title: "PKS Grundtabelle" },
    delimiter: ";",
    decimal: ",",
    thousands: ".",
    header_row: 1,
    geo_codes: "iso2",
    aggregates: "reject",
    constants: { geo: "DE" },
    columns: { period: "Jahr" },
    dimensions: { source: { code: "PKS", label: "Police crime statistics" } },
    dimension_columns: { offence: { column: "Schlüssel", label_column: "Straftat" } },
    values: [
      { column: "Fälle", dimensions: { measure: { code: "CASES", label: "Recorded cases" } }, unit: "cases", flag: "Fälle Kennzeichen" },
      { column: "Tatverdächtige", dimensions: { measure: { code: "SUSPECTS" }, sex: { code: "T", label: "Total" } }, unit: "persons" },
      { column: "Quote", dimensions: { measure: { code: "CLEARANCE", label: "Clearance rate" } }, unit: "percent" },
    ],
    missing: ["", "-"],
  };

  it("when the value columns carry their own dimensions, units and flag columns, then they come back as written", () => {
    const again = roundTrip(written);
    expect(again["values"]).toEqual(written.values);
    expect(again["dimensions"]).toEqual(written.dimensions);
    expect(again["aggregates"]).toBe("reject");
    expect(csvMapping.safeParse(again).success).toBe(true);
  });

  it("when one value column carries its own dimensions, then it stays a value column with them", () => {
    const one = { ...written, values: [written.values[1]] };
    const again = roundTrip(one);
    expect(again["values"]).toEqual(one.values);
    expect((again["columns"] as Record<string, string>)["value"]).toBeUndefined();
    expect(csvMapping.safeParse(again).success).toBe(true);
  });

  it("when the one value column has a flag column, then the flag column is kept", () => {
    const plain = { ...written, values: undefined, columns: { period: "Jahr", value: "Fälle", flag: "Fälle Kennzeichen" }, unit: "cases" };
    const again = roundTrip(plain);
    expect(again["columns"]).toEqual({ period: "Jahr", value: "Fälle", flag: "Fälle Kennzeichen" });
    expect(again["unit"]).toBe("cases");
    expect(csvMapping.safeParse(again).success).toBe(true);
  });

  it("when a value column is unmarked after loading, then it leaves the mapping and the others keep what was written for them", () => {
    const choices = choicesFromMapping(written, header, before);
    const quote = header.indexOf("Quote");
    choices.columns = choices.columns.map((c, i): ColumnChoice => (i === quote ? { ...c, role: "ignore" } : c));
    const again = buildMapping(header, choices);
    expect(again["values"]).toEqual(written.values.slice(0, 2));
  });
});
