// Preloaded into the benchmark's import process (NODE_OPTIONS=--import): at exit, write the
// process's peak resident set size (kB) to the file named by RAPPORTEUR_MAXRSS_FILE.
import { writeFileSync } from "node:fs";

const file = process.env.RAPPORTEUR_MAXRSS_FILE;
if (file) process.on("exit", () => writeFileSync(file, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS })));
