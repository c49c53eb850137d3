#!/usr/bin/env node
// `npm run bench`: the benchmark in bench/, run through tsx's loader like the `rapporteur` command.
import { register } from "tsx/esm/api";

register();
await import("../bench/run.ts");
