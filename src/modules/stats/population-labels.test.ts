// The defect of issue 13: a Eurostat population table downloaded with labels (SDMX-CSV 1.0,
// "Population on 1 January - total", DATAFLOW ESTAT:TPS00001(1.0)) imported but was never used as a
// population denominator, because its code arrived as the dataflow writes it (TPS00001) and the
// denominators asked for tps00001 exactly. On each database: imported, then answered as the
// denominator, naming its dataset. The file is constructed here in Eurostat's labels layout; its two
// figures are Eurostat's tps00001 values for Germany (2023, and 2024 provisional).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { forEachDatabase } from "../../testing/harness.js";
import { CLI_ACTOR } from "../auth/actor.js";
import { findPopulation } from "./population.js";

const LABELS_FILE = [
  "DATAFLOW,LAST UPDATE,freq,indic_de,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG",
  "ESTAT:TPS00001(1.0),10/07/25 11:00:00,Annual,Population on 1 January - total,Germany,2023,84358845,",
  "ESTAT:TPS00001(1.0),10/07/25 11:00:00,Annual,Population on 1 January - total,Germany,2024,84669326,p",
].join("\n");

/** demo_gind (population change, demographic balance) as a labels download: its population on 1 January is a denominator too. */
const DEMO_GIND_LABELS = [
  "DATAFLOW,LAST UPDATE,freq,indic_de,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG",
  "ESTAT:DEMO_GIND(1.0),10/07/25 11:00:00,Annual,Population on 1 January - total,Andorra,2023,85101,",
  "ESTAT:DEMO_GIND(1.0),10/07/25 11:00:00,Annual,Live births (excluding stillbirths),Andorra,2023,597,",
].join("\n");

const written = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "rapporteur-labels-")), name);
  writeFileSync(path, `${text}\n`);
  return path;
};

forEachDatabase("a population table downloaded with labels", (env) => {
  it("when Eurostat's demo_gind is imported, then its population on 1 January is the denominator where no earlier source holds the year, and its births are not", async () => {
    const report = await env().context.services.stats.importFile(CLI_ACTOR, { path: written("demo_gind.csv", DEMO_GIND_LABELS), format: "auto" });
    expect(report).toMatchObject({ added: 2, rejected: 0 });
    const population = await findPopulation(env().context.db, "AD", 2023);
    expect(population).toMatchObject({
      value: 85101,
      reference: "1 January",
      source: { publisher: "Eurostat", series: expect.stringContaining("indic_de=JAN") },
    });
    expect(population!.source.dataset.toLowerCase()).toBe("demo_gind");
  });

  it("when Eurostat's tps00001 is imported as a labels download, then it is the population denominator, named in the answer", async () => {
    const report = await env().context.services.stats.importFile(CLI_ACTOR, { path: written("tps00001_labels.csv", LABELS_FILE), format: "auto" });
    expect(report).toMatchObject({ added: 2, rejected: 0 });
    const population = await findPopulation(env().context.db, "DE", 2024);
    expect(population).toMatchObject({ value: 84669326, flag: "p", reference: "1 January", source: { publisher: "Eurostat" } });
    expect(population!.source.dataset.toLowerCase()).toBe("tps00001");
  });
});
