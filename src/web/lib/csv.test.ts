import { describe, expect, it } from "vitest";
import { toCsv } from "./csv.js";

describe("CSV export", () => {
  it("when cells hold commas, quotes and line breaks, then they are quoted and lines end in CRLF", () => {
    expect(
      toCsv(
        ["title", "n"],
        [
          ["Assault, station", 2],
          ['He said "no"\nthen left', null],
        ],
      ),
    ).toBe('title,n\r\n"Assault, station",2\r\n"He said ""no""\nthen left",\r\n');
  });

  it("when a cell starts like a spreadsheet formula, then it is defused with an apostrophe", () => {
    expect(toCsv(["t"], [['=HYPERLINK("x")'], ["+1"], ["-2"], ["@SUM"]])).toBe(`t\r\n"'=HYPERLINK(""x"")"\r\n'+1\r\n'-2\r\n'@SUM\r\n`);
  });

  it("when a number is negative, then it stays a number", () => {
    expect(toCsv(["n"], [[-3]])).toBe("n\r\n-3\r\n");
  });
});
