import { describe, expect, it } from "vitest";
import { jsonErrorLocation, topLevelElementLines } from "./json-lines.js";

describe("locating things in JSON text", () => {
  it("when a file holds an array, then each element's first line is found, strings and nesting notwithstanding", () => {
    const text = '[\n  {"a": "[,{"},\n  {\n    "b": [1, 2]\n  }, 3,\n\n  "x\\"]"\n]';
    expect(topLevelElementLines(text)).toEqual([2, 3, 5, 7]);
    expect(topLevelElementLines('\n\n{"single": true}')).toEqual([3]);
  });

  it("when JSON is broken, then the first error's line and column are named; valid JSON gives null", () => {
    expect(jsonErrorLocation('[\n  {"country": "DE",\n   "title": }\n]')).toBe("line 3, column 13");
    expect(jsonErrorLocation('{"a": 1,}')).toBe("line 1, column 9");
    expect(jsonErrorLocation('{"a": tru}')).toBe("line 1, column 7");
    expect(jsonErrorLocation('{"a": "x\ny"}')).toBe("line 1, column 9");
    expect(jsonErrorLocation("[1, 2] x")).toBe("line 1, column 8");
    expect(jsonErrorLocation('{"a": [1, -2.5e3, "\\u00e9", null, false]}')).toBeNull();
    expect(jsonErrorLocation(" ")).toBe("line 1, column 2");
  });
});
