// A hand-built country report for the renderer tests: a summary, a table with footnoted cells, a bar
// chart with intervals and a null point, a line chart with a gap, a map of Europe (with countries
// the frame cannot show), notable incidents with citations, a long URL and accented names. Long
// enough to take at least three A4 pages.
import type { Inline, ReportDocument } from "../modules/reports/document.js";

const t = (text: string, strong?: boolean): Inline => (strong ? { type: "text", text, strong } : { type: "text", text });
const fn = (n: number): Inline => ({ type: "footnote", n });
const cite = (n: number): Inline => ({ type: "cite", n });

export const LONG_URL =
  "https://www.statistik.example.de/publikationen/kriminalitaet/polizeiliche-kriminalstatistik-2025-bundeslagebild-tabelle-T01-auslaendische-tatverdaechtige.pdf?download=1&version=2";

const MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"];

export function fixtureReport(options: { synthetic?: boolean; handling?: ReportDocument["handling"] } = {}): ReportDocument {
  return {
    kind: "country",
    template: { id: "country-2025", version: "1" },
    title: "Germany: migration-related human-rights concerns, first half of 2025",
    subject: "Germany — migration-related human-rights incidents, January–June 2025",
    tags: ["PHUM", "SMIG", "PREL", "DE"],
    handling: options.handling ?? "SBU",
    synthetic: options.synthetic ?? false,
    as_of: "2025-07-01T09:30:00Z",
    parameters: { country: "DE", period: "2025-H1", categories: ["SV.ASSAULT", "PR.DAMAGE", "HC.INCITE"] },
    summary: [
      [
        t("Posts recorded "),
        t("214 accepted incidents", true),
        t(" in Germany in the first half of 2025, a rate of 0.26 per 100,000 residents (95% interval 0.22–0.29)"),
        fn(1),
        t(". Compared with the second half of 2024 there was "),
        t("no significant change", true),
        t(" (rate ratio 1.04 ± 0.11)."),
      ],
      [
        t(
          "The perpetrators' migration status was unknown in 38% of incidents; shares based on ≤ 10 records are not shown. Figures for Türkiye, Curaçao and Côte d'Ivoire are given for comparison only",
        ),
        fn(2),
        t("."),
      ],
    ],
    sections: [
      {
        id: "counts",
        heading: "Counts and rates by category",
        blocks: [
          {
            type: "paragraph",
            content: [
              t(
                "The table counts accepted and published incidents by category of the taxonomy in force (version 1). Rates are per 100,000 residents of the host country on 1 January 2025; intervals are exact Poisson 95% intervals. Categories with no recorded incident are listed with a count of 0 rather than left out.",
              ),
              fn(1),
            ],
          },
          {
            type: "table",
            caption: "Incidents by category, January–June 2025",
            footnote: 1,
            columns: [
              { label: "Category", align: "left" },
              { label: "Incidents", align: "right" },
              { label: "Per 100,000", align: "right" },
              { label: "95% interval", align: "right" },
              { label: "Status unknown", align: "right" },
            ],
            rows: [
              [{ text: "Physical assault" }, { text: "96", footnote: 3 }, { text: "0.115" }, { text: "0.093–0.140" }, { text: "31%" }],
              [{ text: "Threats and intimidation" }, { text: "41", footnote: 3 }, { text: "0.049" }, { text: "0.035–0.067" }, { text: "44%" }],
              [
                { text: "Damage to property, including places of worship and reception centres" },
                { text: "38", footnote: 4 },
                { text: "0.046" },
                { text: "0.032–0.062" },
                { text: "53%" },
              ],
              [{ text: "Incitement to hatred (online and offline)" }, { text: "27", footnote: 4 }, { text: "0.032" }, { text: "0.021–0.047" }, { text: "41%" }],
              [{ text: "Trafficking in human beings" }, { text: "9" }, { text: "0.011" }, { text: "0.005–0.021" }, { text: "—" }],
              [{ text: "Forced labour" }, { text: "3" }, { text: "0.004" }, { text: "0.001–0.011" }, { text: "—" }],
              [{ text: "Total" }, { text: "214", footnote: 1 }, { text: "0.257" }, { text: "0.224–0.294" }, { text: "38%" }],
            ],
          },
          {
            type: "chart",
            kind: "bar",
            title: "Incidents by category, with 95% intervals",
            unit: "incidents",
            footnote: 3,
            series: [
              {
                label: "January–June 2025",
                points: [
                  { x: "SV.ASSAULT", y: 96, low: 77.8, high: 117.2 },
                  { x: "SV.THREAT", y: 41, low: 29.4, high: 55.6 },
                  { x: "PR.DAMAGE", y: 38, low: 26.9, high: 52.2 },
                  { x: "HC.INCITE", y: 27, low: 17.8, high: 39.3 },
                  { x: "TR.HUMAN", y: null },
                  { x: "TR.LABOUR", y: 3, low: 0.6, high: 8.8 },
                ],
              },
            ],
          },
          {
            type: "chart",
            kind: "line",
            title: "Incidents by month, by perpetrators' migration status as reported",
            unit: "incidents",
            footnote: 5,
            series: [
              { label: "Foreign nationals", points: MONTHS.map((x, i) => ({ x, y: i === 3 ? null : [14, 11, 17, 0, 13, 16][i]!, low: null, high: null })) },
              { label: "Nationals", points: MONTHS.map((x, i) => ({ x, y: [9, 12, 8, 10, 14, 11][i]! })) },
              {
                label: "Unknown (always shown)",
                points: MONTHS.map((x, i) => ({
                  x,
                  y: [12, 15, 13, 11, 14, 12][i]!,
                  low: [6.2, 8.4, 6.9, 5.5, 7.7, 6.2][i]!,
                  high: [21, 24.7, 22.2, 19.7, 23.5, 21][i]!,
                })),
              },
            ],
          },
          {
            type: "paragraph",
            content: [
              t(
                "April 2025 has no figure for foreign nationals: the post's submissions for that month were returned for correction and had not been accepted at the as-of time. It is shown as a gap, not as zero.",
              ),
              fn(5),
            ],
          },
        ],
      },
      {
        id: "comparison",
        heading: "Comparison with other countries",
        blocks: [
          {
            type: "paragraph",
            content: [
              t(
                "Rates in other countries covered by the tasking are shown for context. They come from other posts' accepted records under the same taxonomy, so they are comparable in definition but not necessarily in reporting coverage.",
              ),
            ],
          },
          {
            type: "map",
            title: "Incident rate by country, January–June 2025",
            unit: "incidents per 100,000 residents",
            extent: "europe",
            footnote: 6,
            values: [
              { country: "DE", value: 0.26 },
              { country: "FR", value: 0.31 },
              { country: "AT", value: 0.18 },
              { country: "PL", value: 0.07 },
              { country: "NL", value: 0.22 },
              { country: "SE", value: 0.41 },
              { country: "IT", value: 0.12 },
              { country: "ES", value: 0.09 },
              { country: "GR", value: 0.35 },
              { country: "TR", value: 0.05 },
              { country: "CY", value: 0.29 },
              { country: "XK", value: 0.11 },
              { country: "HU", value: null },
              { country: "CW", value: 0.02 },
            ],
          },
          {
            type: "table",
            caption: "Rates in selected countries (Türkiye, Curaçao and Côte d'Ivoire for comparison)",
            footnote: 6,
            columns: [
              { label: "Country", align: "left" },
              { label: "Incidents", align: "right" },
              { label: "Per 100,000", align: "right" },
              { label: "Status unknown", align: "right" },
            ],
            rows: [
              [{ text: "Germany" }, { text: "214", footnote: 1 }, { text: "0.26" }, { text: "38%" }],
              [{ text: "France" }, { text: "212", footnote: 6 }, { text: "0.31" }, { text: "29%" }],
              [{ text: "Türkiye" }, { text: "43", footnote: 6 }, { text: "0.05" }, { text: "61%" }],
              [{ text: "Curaçao" }, { text: "0", footnote: 6 }, { text: "0.00" }, { text: "—" }],
              [{ text: "Côte d'Ivoire" }, { text: "—" }, { text: "—" }, { text: "—" }],
            ],
          },
        ],
      },
      {
        id: "incidents",
        heading: "Notable incidents",
        blocks: [
          {
            type: "paragraph",
            content: [
              t(
                "The following accepted incidents illustrate the categories above. Each is described without personal data; sources are cited by number and graded on the Admiralty scale in the source list.",
              ),
            ],
          },
          {
            type: "list",
            items: [
              [
                t("14 June 2025, Leipzig: "),
                t("assault at a regional train station", true),
                t(" on two asylum seekers; the police opened an investigation for bodily harm with a suspected xenophobic motive "),
                cite(1),
                cite(2),
                t("."),
              ],
              [
                t(
                  "3 May 2025, Köln-Mülheim: arson attempt at a reception centre for 120 residents; no one was injured, and the public prosecutor's office is investigating ",
                ),
                cite(3),
                t("."),
              ],
              [
                t("22 March 2025, Düsseldorf: a court sentenced two men to suspended terms for threats against a family of Syrian nationals "),
                cite(4),
                t("; the judgment is not yet final."),
              ],
              [
                t("February 2025 (day not known), online: a coordinated campaign of incitement against a municipal integration office in Görlitz "),
                cite(5),
                t("."),
              ],
            ],
          },
          {
            type: "paragraph",
            content: [
              t(
                "In 11 of the 214 incidents the perpetrators were reported to be foreign nationals and in 46 nationals; the rest is unknown. The police crime statistics for 2024 give the context of all registered offences",
              ),
              fn(7),
              cite(6),
              t("."),
            ],
          },
        ],
      },
      {
        id: "limitations",
        heading: "Data limitations",
        blocks: [
          {
            type: "paragraph",
            content: [
              t(
                "Counts reflect what posts learned of and recorded, not the number of events: news coverage, the languages the post reads and the number of officers reporting all change what is recorded. A new regional news feed was added in March 2025, which may have raised counts from that month onwards.",
              ),
              fn(8),
            ],
          },
          {
            type: "paragraph",
            content: [
              t(
                "The migration status of perpetrators is recorded only as reported and is unknown in 38% of incidents; shares of known statuses must be read with that in mind. Rates use population denominators from Eurostat (demo_pjan) for 1 January 2025.",
              ),
              fn(2),
            ],
          },
          {
            type: "paragraph",
            content: [
              t(
                'Trend statements are made only where the period comparison is significant at the 95% level; all other comparisons are reported as "no significant change". Small counts (≤ 10) give wide intervals: the interval for forced labour, 0.001–0.011 per 100,000, spans an order of magnitude.',
              ),
            ],
          },
        ],
      },
    ],
    footnotes: [
      {
        n: 1,
        text: "Accepted and published, non-retracted incidents in Germany with an occurrence date from 2025-01-01 to 2025-06-30, all categories; as of 2025-07-01 09:30 UTC; sources: 412 records from the post in Berlin, cited in the incident records.",
      },
      {
        n: 2,
        text: "Perpetrator groups of the incidents in note 1 by migration status as reported; unknown includes incidents with no perpetrator group recorded; as of 2025-07-01 09:30 UTC.",
      },
      { n: 3, text: "Incidents in note 1 in categories SV.ASSAULT and SV.THREAT; exact Poisson 95% intervals; as of 2025-07-01 09:30 UTC." },
      { n: 4, text: "Incidents in note 1 in categories PR.DAMAGE and HC.INCITE; as of 2025-07-01 09:30 UTC." },
      {
        n: 5,
        text: "Incidents in note 1 by month of occurrence and perpetrators' migration status; months with no accepted record for a group have no figure; as of 2025-07-01 09:30 UTC.",
      },
      {
        n: 6,
        text: "Accepted incidents per 100,000 residents, January–June 2025, per country; denominators: Eurostat demo_pjan (1 January 2025), Türkiye TurkStat ADNKS 2024; as of 2025-07-01 09:30 UTC.",
      },
      { n: 7, text: "Bundeskriminalamt, Polizeiliche Kriminalstatistik 2024, table T01 (foreign suspects); retrieved 2025-06-02." },
      { n: 8, text: 'Source coverage log of the post in Berlin: feed "Regionalnachrichten Sachsen" added on 2025-03-11.' },
    ],
    citations: [
      {
        n: 1,
        text: 'Leipziger Volkszeitung, "Angriff am Bahnhof: Polizei ermittelt", 15 June 2025 (news; B2)',
        url: "https://www.lvz.example/leipzig/polizei/angriff-bahnhof",
      },
      {
        n: 2,
        text: "Polizeidirektion Leipzig, press release 118/2025, 15 June 2025 (police statement; A2)",
        url: "https://www.polizei.sachsen.example/pd-leipzig/118-2025",
      },
      {
        n: 3,
        text: "Staatsanwaltschaft Köln, statement on the fire at the reception centre in Köln-Mülheim, 5 May 2025 (prosecutor statement; A1)",
        url: null,
      },
      {
        n: 4,
        text: "Amtsgericht Düsseldorf, judgment of 22 March 2025, case 123 Ds 45/24 (court record; A1)",
        url: "https://www.justiz.nrw.example/ag-duesseldorf/123-ds-45-24",
      },
      {
        n: 5,
        text: 'Sächsische Zeitung, "Hetze gegen Integrationsbüro", 28 February 2025 (news; C3)',
        url: "https://www.saechsische.example/goerlitz/hetze-integrationsbuero",
      },
      { n: 6, text: "Bundeskriminalamt, Polizeiliche Kriminalstatistik 2024, Bundeslagebild, table T01 (official statistics; A1)", url: LONG_URL },
    ],
    credits: [
      "Population: Eurostat, demo_pjan (© European Union, CC BY 4.0).",
      "Crime statistics: Bundeskriminalamt, Polizeiliche Kriminalstatistik (Datenlizenz Deutschland 2.0).",
    ],
  };
}
