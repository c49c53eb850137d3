import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { SYNTHETIC_WATERMARK, type ReportDocument } from "../document.js";
import { handlingBanner } from "./common.js";
import { renderDocx } from "./docx.js";
import { fixtureReport } from "../../../testing/report-fixture.js";

interface Part {
  name: string;
  xml: string;
}

interface Unpacked {
  document: string;
  headers: Part[];
  footers: Part[];
  media: string[];
  zip: JSZip;
}

async function unpack(doc: ReportDocument): Promise<Unpacked> {
  const zip = await JSZip.loadAsync(await renderDocx(doc));
  const parts = async (pattern: RegExp): Promise<Part[]> =>
    Promise.all(
      Object.keys(zip.files)
        .filter((n) => pattern.test(n))
        .sort()
        .map(async (name) => ({ name, xml: await zip.file(name)!.async("string") })),
    );
  return {
    document: await zip.file("word/document.xml")!.async("string"),
    headers: await parts(/^word\/header\d*\.xml$/),
    footers: await parts(/^word\/footer\d*\.xml$/),
    media: Object.keys(zip.files).filter((n) => n.startsWith("word/media/") && !zip.files[n]!.dir),
    zip,
  };
}

const unescapeXml = (s: string): string =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
const textOf = (xml: string): string => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1]!)).join("");

/** Top-level and in-table paragraphs with their style and text. */
function paragraphs(xml: string): { style: string | null; text: string }[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(m[1]!)?.[1] ?? null,
    text: textOf(m[1]!),
  }));
}

/** Each table as rows of cell texts. */
function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1]!))),
  );
}

describe("the DOCX rendering", () => {
  let synthetic: Unpacked;
  let real: Unpacked;
  beforeAll(async () => {
    synthetic = await unpack(fixtureReport({ synthetic: true }));
    real = await unpack(fixtureReport({ synthetic: false, handling: "UNCLASSIFIED" }));
  });

  it("uses Word's Title and Heading 1 styles for the title and every section", () => {
    const styled = paragraphs(synthetic.document).filter((p) => p.style === "Title" || p.style === "Heading1");
    expect(styled).toEqual([
      { style: "Title", text: "Germany: migration-related human-rights concerns, first half of 2025" },
      ...[
        "Summary",
        "Counts and rates by category",
        "Comparison with other countries",
        "Notable incidents",
        "Data limitations",
        "Notes",
        "Sources",
        "Credits",
      ].map((text) => ({ style: "Heading1", text })),
    ]);
    const styles = synthetic.zip.file("word/styles.xml")!;
    return styles.async("string").then((xml) => {
      expect(xml).toMatch(/<w:style w:type="paragraph" w:styleId="Heading1">[\s\S]*?<w:name w:val="Heading 1"\/>/);
    });
  });

  it("writes the report's tables as Word tables with a repeating header row and the cell texts", () => {
    const found = tables(synthetic.document);
    expect(found).toHaveLength(2);
    const [byCategory, byCountry] = found as [string[][], string[][]];
    expect(byCategory[0]).toEqual(["Category", "Incidents", "Per 100,000", "95% interval", "Status unknown"]);
    expect(byCategory[1]).toEqual(["Physical assault", "963", "0.115", "0.093–0.140", "31%"]);
    expect(byCategory).toHaveLength(8);
    expect(byCountry.map((r) => r[0])).toEqual(["Country", "Germany", "France", "Türkiye", "Curaçao", "Côte d'Ivoire"]);
    const headerRows = synthetic.document.match(/<w:trPr>(?:(?!<\/w:trPr>)[\s\S])*<w:tblHeader\/>/g) ?? [];
    expect(headerRows).toHaveLength(2);
  });

  it("marks footnote references as superscript links to the numbered notes, and cites sources by number", () => {
    expect(synthetic.document).toMatch(
      /<w:hyperlink w:history="1" w:anchor="note_3"><w:r><w:rPr><w:color w:val="1B3A5C"\/><w:vertAlign w:val="superscript"\/><\/w:rPr><w:t xml:space="preserve">3<\/w:t>/,
    );
    for (let n = 1; n <= 8; n++) expect(synthetic.document).toContain(`w:name="note_${n}"`);
    for (let n = 1; n <= 6; n++) expect(synthetic.document).toContain(`w:name="source_${n}"`);
    const text = paragraphs(synthetic.document).map((p) => p.text);
    expect(text).toContain('8\tSource coverage log of the post in Berlin: feed "Regionalnachrichten Sachsen" added on 2025-03-11.');
    expect(text.find((t) => t.startsWith("[6]\t"))).toContain("polizeiliche-kriminalstatistik-2025");
    expect(text.some((t) => t.includes("xenophobic motive [1][2]."))).toBe(true);
  });

  it("includes each chart and the map as an SVG image with a PNG fallback and alternative text", () => {
    expect(synthetic.media.filter((m) => m.endsWith(".svg"))).toHaveLength(3);
    expect(synthetic.media.filter((m) => m.endsWith(".png"))).toHaveLength(3);
    expect(synthetic.document.match(/<asvg:svgBlip /g) ?? []).toHaveLength(3);
    const descriptions = [...synthetic.document.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => unescapeXml(m[1]!));
    expect(descriptions).toHaveLength(3);
    expect(descriptions[0]).toContain("TR.HUMAN: no data");
    expect(descriptions[2]).toMatch(/^Map of Europe, .*Türkiye: 0\.05/);
  });

  it("puts the handling marking in every header and footer, with the page number in the footer", () => {
    for (const unpacked of [synthetic, real]) {
      const banner = unpacked === synthetic ? handlingBanner("SBU") : handlingBanner("UNCLASSIFIED");
      expect(unpacked.headers.length).toBeGreaterThan(0);
      expect(unpacked.footers.length).toBeGreaterThan(0);
      for (const part of [...unpacked.headers, ...unpacked.footers]) expect(textOf(part.xml), part.name).toContain(banner);
      for (const part of unpacked.footers) {
        expect(part.xml).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
        expect(part.xml).toMatch(/<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
      }
      // Every section uses these header and footer parts on every page.
      expect(unpacked.document).toMatch(/<w:headerReference w:type="default"/);
      expect(unpacked.document).toMatch(/<w:footerReference w:type="default"/);
    }
  });

  it("carries the watermark in every header and footer when synthetic, and nowhere otherwise", () => {
    for (const part of [...synthetic.headers, ...synthetic.footers]) expect(textOf(part.xml), part.name).toContain(SYNTHETIC_WATERMARK);
    expect(textOf(synthetic.document)).toContain(SYNTHETIC_WATERMARK);
    for (const part of [...real.headers, ...real.footers]) expect(textOf(part.xml), part.name).not.toContain("SYNTHETIC");
    expect(textOf(real.document)).not.toContain("SYNTHETIC");
  });
});
